// Adds each difference to its counter (created at 0 when new); a counter back at 0 is removed, as absent reads 0.
// Parameters: $deltas: list<{id: string, key: string, year: integer, amount: integer}> (sorted by id)
// Columns: none
UNWIND $deltas AS d
MERGE (a:Aggregate {id: d.id})
  ON CREATE SET a.key = d.key, a.year = d.year, a.value = 0
SET a.value = a.value + d.amount
WITH a
WHERE a.value = 0
DELETE a
