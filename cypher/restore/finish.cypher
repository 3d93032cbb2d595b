// A restore's last transaction: the data version moves to a new epoch past every value it had (no answer cached
// under an old version is served again), and the marker goes (the graph is complete).
// Parameters: $epoch: string, $value: integer
// Columns: none
MERGE (v:DataVersion {id: 'data'})
SET v.epoch = $epoch, v.value = $value
WITH v
OPTIONAL MATCH (r:RestoreInProgress)
DELETE r
