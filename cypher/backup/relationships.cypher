// Every relationship a backup holds: those whose two ends it holds (backup/nodes.cypher). Streamed like the nodes.
// Parameters: $excluded: list<string>
// Columns: type: string, start: string, end: string (the ends' keys), properties: map
MATCH (a)-[r]->(b)
WHERE none(l IN labels(a) WHERE l IN $excluded OR l STARTS WITH '__')
  AND none(l IN labels(b) WHERE l IN $excluded OR l STARTS WITH '__')
RETURN type(r) AS type, elementId(a) AS start, elementId(b) AS end, properties(r) AS properties
