// Import batches, newest first (Query.importBatches).
// Parameters: $offset: integer ≥ 0, $limit: integer ≥ 1
// Columns: batch: map of the ImportBatch's properties
MATCH (b:ImportBatch)
RETURN properties(b) AS batch
ORDER BY b.at DESC, b.id DESC
SKIP $offset
LIMIT $limit
