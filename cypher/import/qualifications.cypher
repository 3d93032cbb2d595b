// The Qualification node of each code.
// Parameters: none
// Columns: id, code
MATCH (q:Qualification)
RETURN q.id AS id, q.code AS code
