// Records one AuditEvent, in the transaction of the write it describes (src/audit/record.ts), so that the event
// commits exactly when the write does. The event has no relationship: it names what it describes by its operation
// and counts only, and no map or generated mutation can reach it.
// The changes themselves are recorded by the change-history trigger (cypher/history/capture.cypher), as Change nodes
// whose auditId is this event's id.
// Parameters: $id: string, $actor: string, $roles: list<string>, $operation: string, $requestId: string|null (the
//   server's), $clientRequestId: string|null (the client's x-request-id),
//   $nodesCreated, $nodesDeleted, $relationshipsCreated, $relationshipsDeleted, $propertiesSet: integer
// Columns: none
CREATE (:AuditEvent {
  id: $id,
  at: datetime.transaction(),
  actor: $actor,
  roles: $roles,
  operation: $operation,
  requestId: $requestId,
  clientRequestId: $clientRequestId,
  outsideApi: false,
  nodesCreated: $nodesCreated,
  nodesDeleted: $nodesDeleted,
  relationshipsCreated: $relationshipsCreated,
  relationshipsDeleted: $relationshipsDeleted,
  propertiesSet: $propertiesSet
})
