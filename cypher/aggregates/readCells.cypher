// Reads the maintained counters behind the cells of a revenue rule (src/queries/disclosure.ts), only while the
// aggregates are ready and were built by a version that holds them (no row otherwise: the caller counts live).
// Parameters: $version: integer (the least contribution version that holds the parts), $year: integer,
//   $keys: list<string>
// Columns: key: string, value: integer
MATCH (s:AggregateState {id: 'aggregates'})
WHERE s.mode = 'ready' AND coalesce(s.version, 1) >= $version
UNWIND $keys AS key
CALL (key) {
  OPTIONAL MATCH (a:Aggregate)
  WHERE a.key = key AND a.year = $year
  RETURN coalesce(sum(a.value), 0) AS value
}
RETURN key, value
