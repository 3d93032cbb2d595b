// Upserts one batch of relationships of one type between two labels (idempotent: one per pair and type).
// Template: __TYPE__, __FROM__, __TO__ are replaced by a relationship type and labels the generator declares
// (checked against [A-Z_]+ and LABELS; never user input). Both ends are found through their id constraint.
// Parameters: $rows: [{from: id, to: id, props: map}]
// Columns: none
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
SET r += row.props;
