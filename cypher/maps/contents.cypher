// The contents of a map, in one round trip: its nodes with their labels and properties, and the relationships of
// the given types between them, each (type, start, end) once — parallel relationships of one type between the same
// two nodes are one edge, carrying the properties of the first by elementId. Relationships are found by expanding
// each node's outgoing ones (the subquery binds the start node, so the planner cannot turn to a hub's thousands of
// incoming relationships instead). Without $withProperties (the client did not select them) a node carries only the
// properties its display label is made of, and an edge none.
// Parameters: $nodes: list<string> (elementIds), $types: list<string> (relationship types; [] for no edges),
//   $withProperties: boolean
// Columns (one row): nodes: list<map {elementId, labels, properties}>,
//   edges: list<map {type, source (start node id), target (end node id), properties}>
CALL () {
  MATCH (n)
  WHERE elementId(n) IN $nodes
  RETURN collect({
    elementId: elementId(n),
    labels: labels(n),
    properties: CASE WHEN $withProperties THEN properties(n) ELSE n {.id, .name, .title, .year, .metric} END
  }) AS nodes
}
CALL () {
  MATCH (a)
  WHERE elementId(a) IN $nodes AND size($types) > 0
  CALL (a) {
    MATCH (a)-[r]->(b)
    WHERE type(r) IN $types AND elementId(b) IN $nodes
    RETURN r, b
  }
  WITH a, r, b
  ORDER BY elementId(r)
  WITH type(r) AS type, a.id AS source, b.id AS target, collect(r)[0] AS first
  ORDER BY type, source, target
  RETURN collect({
    type: type,
    source: source,
    target: target,
    properties: CASE WHEN $withProperties THEN properties(first) ELSE {} END
  }) AS edges
}
RETURN nodes, edges
