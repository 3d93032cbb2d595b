// A write whose touched nodes are unknown (or too many to refresh in its transaction): the counters can no longer be
// trusted, so reads go live until a rebuild (npm run aggregates -- --rebuild, or the API's own, started after it).
// Parameters: none
// Columns: none
MATCH (s:AggregateState {id: 'aggregates'})
SET s.mode = 'stale', s.token = null, s.staleSince = datetime()
