// The changes of some AuditEvents (AuditEvent.changes), at most $limit per event, in a stable order.
// Parameters: $auditIds: list<string>, $limit: integer ≥ 1
// Columns: auditId: string, change: map (as cypher/history/history.cypher)
UNWIND $auditIds AS auditId
CALL {
  WITH auditId
  MATCH (c:Change {auditId: auditId})
  WITH c
  ORDER BY c.entity, c.action, c.id
  LIMIT $limit
  // #include history/withEvent
}
RETURN auditId, change
