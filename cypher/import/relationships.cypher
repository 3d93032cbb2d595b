// The properties now of relationships a batch wrote, for undo's conflict check (one statement per labels and type).
// Template: __FROM__, __TYPE__ and __TO__ as in deleteRelationships.cypher.
// Parameters: $rows: list of {from: start node id, to: id}
// Columns: from, to, props (null when there is no such relationship)
UNWIND $rows AS row
OPTIONAL MATCH (:__FROM__ {id: row.from})-[r:__TYPE__]->(:__TO__ {id: row.to})
RETURN row.from AS from, row.to AS to, properties(r) AS props
