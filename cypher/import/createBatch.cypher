// The ImportBatch of an import, created first in the import's transaction (src/import/runImport.ts). Like the
// AuditEvent, it is no @node type: no generated mutation can change it and no map reaches it.
// Parameters: $id, $file, $sha256, $kind, $options (JSON), $actor: string; $rows, $created, $updated, $unchanged,
//   $invalid, $review, $duplicates: integer
// Columns: none
CREATE (:ImportBatch {
  id: $id,
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
