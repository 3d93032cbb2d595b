// The labels and properties of the nodes of a map.
// Parameters: $nodes: list<string> (elementIds)
// Columns: elementId: string, labels: list<string>, properties: map
MATCH (n)
WHERE elementId(n) IN $nodes
RETURN elementId(n) AS elementId, labels(n) AS labels, properties(n) AS properties
