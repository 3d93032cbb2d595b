// Drops the restore's temporary index (restore/createKeyIndex.cypher).
// Parameters: none
// Columns: none
DROP INDEX restoring_key IF EXISTS
