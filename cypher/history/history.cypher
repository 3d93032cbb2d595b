// The change history of one node (Query.history): the changes of the node itself and of every relationship with it
// at either end, newest first, each with the AuditEvent it belongs to (who, through what, which request).
// Parameters: $id: string; $since: string|null (ISO 8601, inclusive), $until: string|null (ISO 8601, exclusive);
//   $offset: integer ≥ 0, $limit: integer ≥ 1
// Columns: change: map of the Change's properties, with the event's actor, operation, requestId, clientRequestId,
//   outsideApi
CALL {
  MATCH (c:Change {nodeId: $id}) RETURN c
  UNION
  MATCH (c:Change {fromId: $id}) RETURN c
  UNION
  MATCH (c:Change {toId: $id}) RETURN c
}
WITH c
WHERE ($since IS NULL OR c.at >= datetime($since)) AND ($until IS NULL OR c.at < datetime($until))
WITH c
ORDER BY c.at DESC, c.id DESC
SKIP $offset
LIMIT $limit
// #include history/withEvent
