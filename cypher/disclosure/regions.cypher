// The region tree for disclosure control (src/queries/disclosure.ts): every Region with the regions it is PART_OF.
// Columns: code: string, parents: list of strings
MATCH (region:Region)
RETURN region.code AS code, [(region)-[:PART_OF]->(parent:Region) | parent.code] AS parents
