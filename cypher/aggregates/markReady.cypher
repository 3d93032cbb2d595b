// A catch-up refreshed every recorded subject: the counters are exact again.
// Parameters: none
// Columns: none
MATCH (s:AggregateState {id: 'aggregates'})
WHERE s.mode = 'pending' AND NOT EXISTS { (:DirtySubject) }
SET s.mode = 'ready'
