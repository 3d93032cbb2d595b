// An import batch, for undo: whether it exists and whether it was undone.
// Parameters: $batchId: string
// Columns: undone: boolean, auditId: string|null (its AuditEvent; null for batches made before the change history)
//   (no row when there is no such batch)
MATCH (b:ImportBatch {id: $batchId})
RETURN b.undoneAt IS NOT NULL AS undone, b.auditId AS auditId
