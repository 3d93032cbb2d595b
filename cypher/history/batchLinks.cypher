// The import batches that wrote one node (Query.history): each batch's link to it, which holds the row and the values
// the import replaced and wrote, and the relationships from the node it changed (src/history/batchChanges.ts).
// Parameters: $id: string (the node's id)
// Columns: link: map — nodeId, labels, batch: the ImportBatch's id, file, kind, at, actor, auditId, undoneAt,
//   undoneBy, undoAuditId; the link's row, created, before, after, rels
UNWIND [$id] AS id
// #include maps/parts/nodeById
MATCH (n)-[l:IMPORTED_IN]->(b:ImportBatch)
RETURN
  // #include history/linkRow
  AS link
