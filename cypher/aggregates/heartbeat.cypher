// A running rebuild says it is alive (each batch): another may take over only after it has been silent a while.
// Parameters: none
// Columns: none
MATCH (s:AggregateState {id: 'aggregates'})
SET s.heartbeat = datetime()
