// Deletes up to $batch relationships (run until none is left): the first half of emptying the graph for a restore.
// Parameters: $batch: integer
// Columns: deleted: integer
MATCH ()-[r]->()
WITH r
LIMIT $batch
DELETE r
RETURN count(*) AS deleted
