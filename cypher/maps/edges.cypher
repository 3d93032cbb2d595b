// The relationships of the given types between nodes of a map, each (type, start, end) once: parallel
// relationships of one type between the same two nodes are one edge, carrying the properties of the first by
// elementId. Expands the outgoing relationships of each node, which is cheap for the graph's hubs (regions,
// qualifications, chains and segments are mostly pointed at).
// Parameters: $nodes: list<string> (elementIds), $types: list<string> (relationship types)
// Columns: type: string, source: string (start node id), target: string (end node id), properties: map
MATCH (a)
WHERE elementId(a) IN $nodes
MATCH (a)-[r]->(b)
WHERE type(r) IN $types AND elementId(b) IN $nodes
WITH a, r, b
ORDER BY elementId(r)
WITH type(r) AS type, a.id AS source, b.id AS target, collect(r)[0] AS first
RETURN type, source, target, properties(first) AS properties
ORDER BY type, source, target
