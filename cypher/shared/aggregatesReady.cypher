// Whether the maintained aggregates are ready (src/aggregates/: counters exact, reads may use them).
// An expression (a boolean). Parameters: none
EXISTS { (:AggregateState {id: 'aggregates', mode: 'ready'}) }
