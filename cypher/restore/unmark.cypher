// Removes the temporary label and key from up to $batch restored nodes (run until none is left).
// Parameters: $batch: integer
// Columns: done: integer
MATCH (n:__Restoring)
WITH n
LIMIT $batch
REMOVE n:__Restoring, n.__restoreKey
RETURN count(*) AS done
