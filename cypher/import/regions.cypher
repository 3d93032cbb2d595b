// The regions a spreadsheet's counties are read against (src/import/match/graphIndex.ts).
// Parameters: none
// Columns: id, code, name, level
MATCH (r:Region)
RETURN r.id AS id, r.code AS code, r.name AS name, r.level AS level
