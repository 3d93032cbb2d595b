// A rebuild's write of a batch of counters, summed over every subject (the store is empty: created, not merged).
// Parameters: $counters: list<{id: string, key: string, year: integer, value: integer}>
// Columns: none
UNWIND $counters AS c
CREATE (:Aggregate {id: c.id, key: c.key, year: c.year, value: c.value})
