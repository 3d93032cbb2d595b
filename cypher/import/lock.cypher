// The first statement of every import and undo that writes: a write lock on one node, held until the transaction
// ends, so that imports and undos run one at a time (each reads the values it will replace; two at once over the
// same firm would both keep the same "before"). Reads (dry runs, GraphQL) are not blocked.
// Parameters: none
// Columns: none
MERGE (l:ImportLock {id: 'imports'})
SET l.at = datetime.transaction()
