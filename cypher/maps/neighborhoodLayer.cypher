// One hop of a neighbourhood: the best new neighbours of the frontier, at most $remaining of them. Neighbours are
// grouped by the relationship type that reaches them (a node reached through two types is in both groups); within a
// group they rank by degree (most connected first), then id. Groups are then taken in turns — every group's first,
// then every group's second, … — ties going to the type with the smaller $priority, so one huge group (a hub's
// 10,000 suppliers) cannot crowd out the small ones. Each group is cut to $remaining before the turns, so what is
// carried forward stays bounded by (number of types) × $remaining whatever the hub's degree.
// Parameters: $frontier: list<string> (elementIds of the nodes to expand), $included: list<string> (elementIds
//   already in the map, never returned again), $types: list<string> (relationship types to follow),
//   $labels: list<string>|null (labels a new node must have one of; null = any), $remaining: integer ≥ 1,
//   $priority: map<string, integer> (relationship type → its rank, smaller first; a type not in it comes last)
// Columns: elementId: string — the selected nodes, best first
MATCH (f)
WHERE elementId(f) IN $frontier
MATCH (f)-[r]-(m)
WHERE type(r) IN $types
  AND NOT elementId(m) IN $included
  AND ($labels IS NULL OR any(label IN labels(m) WHERE label IN $labels))
WITH DISTINCT type(r) AS type, m
WITH type, m, COUNT { (m)--() } AS degree
ORDER BY degree DESC, m.id
WITH type, collect(m)[..$remaining] AS best
UNWIND range(0, size(best) - 1) AS position
WITH best[position] AS m, min(position * 1000 + coalesce($priority[type], 999)) AS turn
ORDER BY turn, m.id
LIMIT $remaining
RETURN elementId(m) AS elementId
