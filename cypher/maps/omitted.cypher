// What a map left out: per relationship type, the distinct nodes one hop from an inner node (one the map reached
// with hops to spare) that are not in the map. Counting only, so a hub's thousands of neighbours are read once and
// never returned. With a label filter, only nodes the filter would have admitted count.
// Parameters: $inner: list<string> (elementIds), $included: list<string> (elementIds of every node of the map),
//   $types: list<string> (relationship types followed), $labels: list<string>|null (null = any)
// Columns: relationshipType: string, count: integer — only types with something left out, most first
MATCH (x)
WHERE elementId(x) IN $inner
MATCH (x)-[r]-(m)
WHERE type(r) IN $types
  AND NOT elementId(m) IN $included
  AND ($labels IS NULL OR any(label IN labels(m) WHERE label IN $labels))
RETURN type(r) AS relationshipType, count(DISTINCT m) AS count
ORDER BY count DESC, relationshipType
