// The data version: the counter every write transaction increments (version/bump.cypher), with the epoch of the node
// that holds it. A read of one node by its unique id: the same cost whatever the size of the graph.
// Parameters: none
// Columns: epoch: string|null, value: integer|null (null before migration 0008)
OPTIONAL MATCH (v:DataVersion {id: 'data'})
RETURN v.epoch AS epoch, v.value AS value
