// Writes relationships of one start label, type and end label (one per pair): `+=` for an import (its properties
// over the old), `=` for an undo's restore (exactly the kept properties) — the statement's __SET__.
// Template: __FROM__, __TYPE__ and __TO__ as in deleteRelationships.cypher; __SET__ is `+=` or `=`.
// Parameters: $rows: list of {from: start node id, to: id, props: map}
// Columns: none
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
SET r __SET__ row.props
