// The properties of an enterprise's relationship now, for undo's conflict check.
// Template: __TYPE__ and __TO__ as in deleteRelationships.cypher.
// Parameters: $from: enterprise id, $to: id
// Columns: props (no row when there is no such relationship)
MATCH (:Enterprise {id: $from})-[r:__TYPE__]->(:__TO__ {id: $to})
RETURN properties(r) AS props
LIMIT 1
