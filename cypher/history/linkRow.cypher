// Snippet (an expression): the history row of an import link, with the requests of the import's and of the undo's
// AuditEvents. Expects: n (the node), l (its IMPORTED_IN), b (the batch).
{
  nodeId: n.id, labels: labels(n), batch: b.id, file: b.file, kind: b.kind, at: b.at, actor: b.actor,
  auditId: b.auditId, undoneAt: b.undoneAt, undoneBy: b.undoneBy, undoAuditId: b.undoAuditId,
  requestId: COLLECT { MATCH (a:AuditEvent {id: b.auditId}) RETURN a.requestId }[0],
  clientRequestId: COLLECT { MATCH (a:AuditEvent {id: b.auditId}) RETURN a.clientRequestId }[0],
  undoRequestId: COLLECT { MATCH (a:AuditEvent {id: b.undoAuditId}) RETURN a.requestId }[0],
  undoClientRequestId: COLLECT { MATCH (a:AuditEvent {id: b.undoAuditId}) RETURN a.clientRequestId }[0],
  row: l.row, created: l.created, before: l.before, after: l.after, rels: l.rels
}
