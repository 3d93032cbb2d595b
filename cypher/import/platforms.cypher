// Every platform's id and name: what the rows of a platform list are matched against (normalized name, similar
// names for review). Platforms have no code.
// Parameters: none
// Columns: id, name, code (always null)
MATCH (p:Platform)
RETURN p.id AS id, p.name AS name, null AS code
