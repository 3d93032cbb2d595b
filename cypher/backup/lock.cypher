// Takes the write lock of the data version node without changing it. Every write path of ours increments that node
// in its own transaction (version/bump.cypher; writes made around the API through the history trigger), so while the
// backup's transaction holds this lock no write can commit: what the backup reads is one commit point. The lock goes
// with the transaction (rolled back at the end). No row when the node is missing (before migration 0008).
// Parameters: none
// Columns: epoch: string, value: integer, restoring: boolean (a restore's marker is there)
MATCH (v:DataVersion {id: 'data'})
CALL apoc.lock.nodes([v])
RETURN v.epoch AS epoch, v.value AS value, EXISTS { MATCH (:RestoreInProgress) } AS restoring
