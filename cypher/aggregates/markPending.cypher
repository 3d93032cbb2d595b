// A write too large to refresh its subjects in its own transaction (an import of thousands of rows) recorded them
// (markDirty.cypher) instead: the counters lack those subjects until a catch-up refreshes them in batches, so reads
// are live meanwhile (src/aggregates/catchUp.ts).
// Parameters: none
// Columns: none
MATCH (s:AggregateState {id: 'aggregates'})
WHERE s.mode IN ['ready', 'pending']
SET s.mode = 'pending'
