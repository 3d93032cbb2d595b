// Undo: removes the nodes the batch created (their relationships are all the batch's: batchLinks.cypher checked).
// Template: __LABEL__ as in upsertNodes.cypher.
// Parameters: $ids: list<string>
// Columns: none
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
DETACH DELETE n
