// The state of the maintained aggregates, locked for the rest of the transaction: exclusively ($exclusive: what
// changes the state — a rebuild's batches, a catch-up, a write that marks them stale or names a node many subjects
// read through) or shared (the upkeep of an ordinary write: any number at once; src/aggregates/upkeep.ts). So a
// rebuild finishing and a write recording what it touched never cross. Without the node (a graph never built): null.
// Modes: ready (counters exact; reads use them), building (a rebuild runs; writes record the subjects they touch),
// pending (left by versions before #27: a large write recorded its subjects; a catch-up refreshes them), stale (a
// write could not say what it touched; reads are live until a rebuild).
// Parameters: $exclusive: boolean
// Columns: mode: string|null, token: string|null
OPTIONAL MATCH (s:AggregateState {id: 'aggregates'})
CALL (s) {
  WITH s
  WHERE s IS NOT NULL AND $exclusive
  CALL apoc.lock.nodes([s])
}
CALL (s) {
  WITH s
  WHERE s IS NOT NULL AND NOT $exclusive
  CALL apoc.lock.read.nodes([s])
}
RETURN s.mode AS mode, s.token AS token
