// Undo: removes a node the batch created (its relationships are all the batch's: batchLinks.cypher checked).
// Template: __LABEL__ as in upsertNodes.cypher.
// Parameters: $id: string
// Columns: none
MATCH (n:__LABEL__ {id: $id})
DETACH DELETE n
