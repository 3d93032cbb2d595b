// Removes relationships an import batch replaces (an enterprise's former region) or an undo takes back.
// Template: __FROM__, __TYPE__ and __TO__ are the start label, relationship type and end label the importer writes
// (checked; never user input).
// Parameters: $rows: list of {from: start node id, to: id}
// Columns: none
UNWIND $rows AS row
MATCH (:__FROM__ {id: row.from})-[r:__TYPE__]->(:__TO__ {id: row.to})
DELETE r
