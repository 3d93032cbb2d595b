// Writes relationships from enterprises (one per pair and type): `+=` for an import (its properties over the old),
// `=` for an undo's restore (exactly the kept properties) — the statement's __SET__.
// Template: __TYPE__ and __TO__ as in deleteRelationships.cypher; __SET__ is `+=` or `=`.
// Parameters: $rows: list of {from: enterprise id, to: id, props: map}
// Columns: none
UNWIND $rows AS row
MATCH (a:Enterprise {id: row.from})
MATCH (b:__TO__ {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
SET r __SET__ row.props
