// A neighbour the map would admit: reached through a relationship of the asked types, not in the map yet, and of an
// asked label. The one definition that both a hop (which admits such neighbours) and the left-out count (which counts
// those it did not) use, so that truncated is exact.
// An expression. Parameters: $types: list<string>, $labels: list<string>|null (null = any)
// Expects: r (the relationship that reaches m), m (the neighbour), included (list<node>, the map so far).
// Binds: nothing.
(type(r) IN $types
  AND NOT m IN included
  AND ($labels IS NULL OR any(label IN labels(m) WHERE label IN $labels)))
