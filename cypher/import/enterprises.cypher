// Every enterprise's id, name and credit code: what rows are matched against (credit code, normalized name, similar
// names for review).
// Parameters: none
// Columns: id, name, code (the credit code; null when unknown)
MATCH (e:Enterprise)
RETURN e.id AS id, e.name AS name, e.creditCode AS code
