// Ends a rebuild (under the state lock, once the subjects recorded meanwhile are refreshed): ready from now on.
// Parameters: $token: string, $ms: integer (how long it took), $version: integer (what the contributions hold:
//   CONTRIBUTION_VERSION of src/aggregates/contributions.ts)
// Columns: none
MATCH (s:AggregateState {id: 'aggregates'})
WHERE s.token = $token
OPTIONAL MATCH (d:DirtySubject)
DELETE d
WITH DISTINCT s
SET s.mode = 'ready', s.token = null, s.builtAt = datetime(), s.buildMs = $ms, s.version = $version
