// The properties of enterprises' relationships now, for undo's conflict check (one statement per type and label).
// Template: __TYPE__ and __TO__ as in deleteRelationships.cypher.
// Parameters: $rows: list of {from: enterprise id, to: id}
// Columns: from, to, props (null when there is no such relationship)
UNWIND $rows AS row
OPTIONAL MATCH (:Enterprise {id: row.from})-[r:__TYPE__]->(:__TO__ {id: row.to})
RETURN row.from AS from, row.to AS to, properties(r) AS props
