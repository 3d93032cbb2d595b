// Removes relationships an import batch replaces (an enterprise's former region) or an undo takes back.
// Template: __TYPE__ and __TO__ are a relationship type and label the importer writes (checked; never user input).
// Parameters: $rows: list of {from: enterprise id, to: id}
// Columns: none
UNWIND $rows AS row
MATCH (:Enterprise {id: row.from})-[r:__TYPE__]->(:__TO__ {id: row.to})
DELETE r
