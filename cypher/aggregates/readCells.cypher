// Reads the maintained counters behind the cells of the revenue rules (src/queries/disclosure.ts), only while the
// aggregates are ready and were built by a version that holds them (no row otherwise: the caller counts live).
// Parameters: $version: integer (the least contribution version that holds the parts),
//   $parts: list<{key: string, year: integer}>
// Columns: key: string, year: integer, value: integer
MATCH (s:AggregateState {id: 'aggregates'})
WHERE s.mode = 'ready' AND coalesce(s.version, 1) >= $version
UNWIND $parts AS part
CALL (part) {
  OPTIONAL MATCH (a:Aggregate)
  WHERE a.key = part.key AND a.year = part.year
  RETURN coalesce(sum(a.value), 0) AS value
}
RETURN part.key AS key, part.year AS year, value
