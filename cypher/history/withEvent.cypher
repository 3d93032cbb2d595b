// Snippet (clauses): `c` (a Change) in scope → returns `change`, its properties with those of its AuditEvent.
OPTIONAL MATCH (a:AuditEvent {id: c.auditId})
RETURN c {
  .*,
  actor: coalesce(a.actor, 'unknown'),
  operation: coalesce(a.operation, 'unknown'),
  requestId: a.requestId,
  clientRequestId: a.clientRequestId,
  outsideApi: coalesce(a.outsideApi, false)
} AS change
