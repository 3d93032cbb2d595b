// The contents of a map, in one round trip: its nodes with their labels and properties; what it left out; and the
// relationships of the given types between its nodes, each (type, start, end) once — parallel relationships of one type between the same
// two nodes are one edge, carrying the properties of the first by elementId. Relationships are found by expanding
// each node's outgoing ones (the subquery binds the start node, so the planner cannot turn to a hub's thousands of
// incoming relationships instead). Without $withProperties (the client did not select them) no properties are
// returned, only the few a display label is made of.
// Nodes and edges come as lists of lists, not lists of maps: neo4j-driver decodes a map several times slower than a
// list, and for a 500-node map that decoding was most of the time of the whole query. (Lists of lists, not one list
// per column, because collect() drops nulls and the columns would no longer line up.)
// What was left out: per relationship type, the distinct nodes one hop from an inner node (one the map reached with
// hops to spare) that are not in the map. Counting only, so a hub's thousands of neighbours are read once and never
// returned. With a label filter, only nodes the filter would have admitted count.
// Parameters: $nodes: list<string> (elementIds), $types: list<string> (relationship types; [] for no edges),
//   $withProperties: boolean, $inner: list<string> (elementIds; [] to count nothing left out),
//   $labels: list<string>|null (the labels the map admitted; null = any)
// Columns: one row of nodes: list of [elementId, labels, id, name, title, year, metric];
//   nodeProperties: list<map> in the same order, or null without $withProperties;
//   edges: list of [type, source (start node id), target (end node id)], sorted by type, source, target;
//   edgeProperties: list<map> in the same order, or null without $withProperties;
//   omitted: list of [relationship type, count], only types with something left out, most first
CALL () {
  MATCH (n)
  WHERE elementId(n) IN $nodes
  RETURN
    collect([elementId(n), labels(n), n.id, n.name, n.title, n.year, n.metric]) AS nodes,
    CASE WHEN $withProperties THEN collect(properties(n)) END AS nodeProperties
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
  RETURN
    collect([type, source, target]) AS edges,
    CASE WHEN $withProperties THEN collect(properties(first)) END AS edgeProperties
}
CALL () {
  MATCH (x)
  WHERE elementId(x) IN $inner
  MATCH (x)-[r]-(m)
  WHERE type(r) IN $types
    AND NOT elementId(m) IN $nodes
    AND ($labels IS NULL OR any(label IN labels(m) WHERE label IN $labels))
  WITH type(r) AS relationshipType, count(DISTINCT m) AS count
  ORDER BY count DESC, relationshipType
  RETURN collect([relationshipType, count]) AS omitted
}
RETURN *
