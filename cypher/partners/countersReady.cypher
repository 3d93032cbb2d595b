// Whether the partner suggestions may read the maintained partner counters (partnerSuggestionsMaintained.cypher):
// the aggregates are ready (src/aggregates/: not building, pending or stale) and were built by a contribution version
// that holds them.
// Parameters: $version (Int: the least contribution version with the PARTNER_PEERS counters)
// Columns: ready (Boolean)
OPTIONAL MATCH (s:AggregateState {id: 'aggregates'})
RETURN coalesce(s.mode = 'ready' AND coalesce(s.version, 1) >= $version, false) AS ready
