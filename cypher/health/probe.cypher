// The readiness probe (src/db/health.ts): the Neo4j version, and whether a restore's marker is there (a restore
// running or interrupted: the graph is incomplete until `npm run restore` finishes).
// Parameters: none
// Columns: version: string, restoring: boolean
CALL dbms.components() YIELD versions
RETURN versions[0] AS version, EXISTS { MATCH (:RestoreInProgress) } AS restoring
