// Upserts regions and their PART_OF links to the city.
// Parameters: $rows: [{id, code, name, level, parentId|null}], $source: string
// Columns: none
UNWIND $rows AS row
MERGE (r:Region {id: row.id})
SET r.code = row.code, r.name = row.name, r.level = row.level, r.source = $source, r.synthetic = false
WITH r, row
WHERE row.parentId IS NOT NULL
MATCH (p:Region {id: row.parentId})
MERGE (r)-[:PART_OF]->(p);
