// Deletes up to $batch nodes (run until none is left), all but the migrations' records, the data version (a restore
// advances it past every value it had) and the restore's own marker.
// Parameters: $batch: integer
// Columns: deleted: integer
MATCH (n)
WHERE NOT n:SchemaMigration AND NOT n:DataVersion AND NOT n:RestoreInProgress
WITH n
LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
