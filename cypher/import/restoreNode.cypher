// Undo: gives nodes back the values the batch replaced (a null removes a property the batch added).
// Template: __LABEL__ as in upsertNodes.cypher.
// Parameters: $rows: list of {id, before: map}
// Columns: none
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
SET n += row.before
