// Keeps, as Change nodes, what an import did to the nodes it created, and what its undo does to them, before the undo
// deletes them (src/import/apply/undo.ts): their IMPORTED_IN links, the import's record of them, go with them.
// Parameters: $changes: list of {at: string|null (ISO 8601; null: this transaction's time), auditId, entity,
//   action, labels, nodeId, type, fromId, toId, properties: list<string>, before: string (JSON), after: string
//   (JSON), batchId, file, row}
// Columns: none
UNWIND $changes AS c
CREATE (x:Change)
SET x = c,
    x.id = 'change-' + randomUUID(),
    x.at = CASE WHEN c.at IS NULL THEN datetime.transaction() ELSE datetime(c.at) END
