// Undo: gives a node back the values the batch replaced (a null removes a property the batch added).
// Template: __LABEL__ as in upsertNodes.cypher.
// Parameters: $id: string, $before: map
// Columns: none
MATCH (n:__LABEL__ {id: $id})
SET n += $before
