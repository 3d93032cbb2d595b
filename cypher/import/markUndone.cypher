// Undo: marks the batch undone, by whom and when (it stays, as history).
// Parameters: $batchId, $actor: string, $auditId: string (the undo's AuditEvent, which its changes are read by)
// Columns: none
MATCH (b:ImportBatch {id: $batchId})
SET b.undoneAt = datetime.transaction(), b.undoneBy = $actor, b.undoAuditId = $auditId
