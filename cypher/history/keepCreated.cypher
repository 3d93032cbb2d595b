// Keeps what an undo deletes of the nodes its import created (src/import/apply/undo.ts), before it deletes them: their
// IMPORTED_IN links, the import's record of them, go with them. One Change per node (DELETED, with the values it had
// and the batch, file and row that created it, read back as that creation too: src/history/read.ts); nothing of the
// batch goes through the client, and nothing more is written, so a 10,000-row undo stays within its memory.
// Parameters: $batchId: string, $auditId: string (the undo's AuditEvent)
// Columns: none
MATCH (b:ImportBatch {id: $batchId})<-[l:IMPORTED_IN]-(n)
WHERE l.created
WITH b, l, n, properties(n) AS had
CREATE (:Change {
  id: 'change-' + randomUUID(), at: datetime.transaction(), auditId: $auditId, entity: 'NODE', action: 'DELETED',
  labels: labels(n), nodeId: n.id, properties: keys(had), before: apoc.convert.toJson(had), after: '{}',
  batchId: b.id, file: b.file, row: l.row, createdByBatch: true
})
