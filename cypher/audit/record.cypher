// Records one AuditEvent, in the transaction of the write it describes (src/audit/record.ts), so that the event
// commits exactly when the write does. The event has no relationship: it names what it describes by its operation
// and counts only, and no map or generated mutation can reach it.
// Parameters: $id: string, $actor: string, $roles: list<string>, $operation: string, $requestId: string|null,
//   $nodesCreated, $nodesDeleted, $relationshipsCreated, $relationshipsDeleted, $propertiesSet: integer
// Columns: none
CREATE (:AuditEvent {
  id: $id,
  at: datetime.transaction(),
  actor: $actor,
  roles: $roles,
  operation: $operation,
  requestId: $requestId,
  nodesCreated: $nodesCreated,
  nodesDeleted: $nodesDeleted,
  relationshipsCreated: $relationshipsCreated,
  relationshipsDeleted: $relationshipsDeleted,
  propertiesSet: $propertiesSet
})
