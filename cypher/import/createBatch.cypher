// The ImportBatch of an import, created first in the import's transaction (src/import/runImport.ts). Like the
// AuditEvent, it is no @node type: no generated mutation can change it and no map reaches it.
// Its links (IMPORTED_IN) are also the change history of what it wrote (src/history/batchChanges.ts); `auditId` names
// its AuditEvent.
// Parameters: $id, $auditId, $file, $sha256, $kind, $options (JSON), $actor: string; $rows, $created, $updated, $unchanged,
//   $invalid, $review, $duplicates: integer
// Columns: none
CREATE (:ImportBatch {
  id: $id,
  auditId: $auditId,
  file: $file,
  sha256: $sha256,
  kind: $kind,
  options: $options,
  actor: $actor,
  at: datetime.transaction(),
  rows: $rows,
  created: $created,
  updated: $updated,
  unchanged: $unchanged,
  invalid: $invalid,
  review: $review,
  duplicates: $duplicates
})
