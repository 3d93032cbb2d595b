// The state of the maintained aggregates, locked (a write that upkeeps them takes this lock, so that a rebuild
// finishing and a write recording what it touched never cross; src/aggregates/upkeep.ts). Without the node (a
// graph never built): null. Modes: ready (counters exact; reads use them), building (a rebuild runs; writes record
// the subjects they touch), pending (a large write recorded its subjects; a catch-up refreshes them, writes record
// theirs meanwhile), stale (a write could not say what it touched; reads are live until a rebuild).
// Parameters: none
// Columns: mode: string|null, token: string|null
OPTIONAL MATCH (s:AggregateState {id: 'aggregates'})
CALL (s) {
  WITH s WHERE s IS NOT NULL
  SET s.writes = coalesce(s.writes, 0) + 1
}
RETURN s.mode AS mode, s.token AS token
