// Reads maintained counters, only while the aggregates are ready (no row otherwise: the caller computes live).
// Each part sums the counters of one key over a range of years: [year, year] for a count of the year, [0, year] for
// one counted from a year on (year 0: every year).
// Parameters: $parts: list<{name: string, key: string, from: integer, to: integer}>
// Columns: name: string, value: integer
MATCH (s:AggregateState {id: 'aggregates'})
WHERE s.mode = 'ready'
UNWIND $parts AS part
CALL (part) {
  OPTIONAL MATCH (a:Aggregate)
  WHERE a.key = part.key AND part.from <= a.year <= part.to
  RETURN coalesce(sum(a.value), 0) AS value
}
RETURN part.name AS name, value
