// A restore's marker (restore/start.cypher), if one is there: a restore is running, or one was interrupted and its
// graph is incomplete. The readiness probe (health/probe.cypher) reports not ready while it exists.
// Parameters: none
// Columns: file: string, sha256: string, startedAt: string (no row without a marker)
MATCH (r:RestoreInProgress {id: 'restore'})
RETURN r.file AS file, r.sha256 AS sha256, toString(r.startedAt) AS startedAt
