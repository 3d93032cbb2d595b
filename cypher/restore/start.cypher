// Written and committed before a restore changes anything else, deleted only by its last transaction
// (restore/finish.cypher): while it exists the graph is incomplete, and the next restore wipes it and starts over.
// Parameters: $file: string, $sha256: string (the backup's body)
// Columns: none
MERGE (r:RestoreInProgress {id: 'restore'})
SET r.file = $file, r.sha256 = $sha256, r.startedAt = datetime()
