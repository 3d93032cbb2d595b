// Snippet (clauses): `c` (a Change) in scope → returns `change`, its properties with those of its AuditEvent, and for
// a node an undo deleted that its import had created (cypher/history/keepCreated.cypher) that import's batch.
OPTIONAL MATCH (a:AuditEvent {id: c.auditId})
OPTIONAL MATCH (b:ImportBatch {id: c.batchId})
  WHERE c.createdByBatch
RETURN c {
  .*,
  actor: coalesce(a.actor, 'unknown'),
  operation: coalesce(a.operation, 'unknown'),
  requestId: a.requestId,
  clientRequestId: a.clientRequestId,
  outsideApi: coalesce(a.outsideApi, false),
  createdBy: CASE WHEN b IS NULL THEN null ELSE {
    at: b.at, actor: b.actor, kind: b.kind, auditId: b.auditId,
    requestId: COLLECT { MATCH (i:AuditEvent {id: b.auditId}) RETURN i.requestId }[0]
  } END
} AS change
