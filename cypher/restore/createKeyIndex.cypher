// The index a restore finds its nodes by while it links them (restore/createRelationships.cypher); dropped at the
// end (restore/dropKeyIndex.cypher).
// Parameters: none
// Columns: none
CREATE INDEX restoring_key IF NOT EXISTS FOR (n:__Restoring) ON (n.__restoreKey)
