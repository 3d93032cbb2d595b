// The audit trail, newest first (Query.auditEvents), from the index on AuditEvent.at.
// Parameters: $actor: string|null (exact), $since: string|null (ISO 8601, inclusive), $until: string|null (ISO 8601,
//   exclusive),
//   $offset: integer ≥ 0, $limit: integer ≥ 1
// Columns: event: map of the AuditEvent's properties (at as a datetime)
MATCH (a:AuditEvent)
WHERE ($actor IS NULL OR a.actor = $actor)
  AND ($since IS NULL OR a.at >= datetime($since))
  AND ($until IS NULL OR a.at < datetime($until))
RETURN properties(a) AS event
ORDER BY a.at DESC, a.id DESC
SKIP $offset
LIMIT $limit
