// Writes one label's nodes of an import batch and links each to the batch with what it replaced (IMPORTED_IN:
// row, created, before, after, rels), so that the batch can be undone.
// Template: __LABEL__ is a label the importer writes (src/import/apply/statements.ts checks it; never user input).
// Parameters: $batchId: string, $rows: list of {id, props: map, link: map}
// Columns: none
MATCH (b:ImportBatch {id: $batchId})
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
SET n += row.props
CREATE (n)-[l:IMPORTED_IN]->(b)
SET l = row.link
