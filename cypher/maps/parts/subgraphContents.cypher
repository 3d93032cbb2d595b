// The contents of a map: its nodes with their labels and properties; the relationships of the given types between
// its nodes, each (type, start, end) once — parallel relationships of one type between the same two nodes are one
// edge, carrying the properties of the first by elementId; and what it left out. Relationships are found by
// expanding each node's outgoing ones (the subquery binds the start node, so the planner cannot turn to a hub's
// thousands of incoming relationships instead). Without $withProperties (the client did not select them) no
// properties are read, only the few a display label is made of.
// Nodes and edges come as lists of lists, not lists of maps: neo4j-driver decodes a map several times slower than a
// list, and for a 500-node map that decoding was most of the time of the whole query. (Lists of lists, not one list
// per column, because collect() drops nulls and the columns would no longer line up.)
// What was left out: per relationship type, the distinct nodes one hop from an inner node (one the map reached with
// hops to spare) that are not in the map. Counting only, so a hub's thousands of neighbours are read once and never
// returned. With a label filter, only nodes the filter would have admitted count.
// Clauses inside a statement. Parameters: $types: list<string> (relationship types; [] for no edges),
//   $withProperties: boolean, $labels: list<string>|null (the labels the map admitted; null = any)
// Expects: included (list<node>, the map's nodes), inner (list<node>; [] to count nothing left out).
// Binds: nodes: list of [elementId, labels, id, name, title, year, metric], in the order of included;
//   nodeProperties: list<map> in the same order, or [] without $withProperties;
//   edges: list of [type, source (start node id), target (end node id)], sorted by type, source, target;
//   edgeProperties: list<map> in the same order, or [] without $withProperties;
//   omitted: list of [relationship type, count], only types with something left out, most first
CALL (included) {
  UNWIND included AS n
  RETURN
    collect([elementId(n), labels(n), n.id, n.name, n.title, n.year, n.metric]) AS nodes,
    collect(CASE WHEN $withProperties THEN properties(n) END) AS nodeProperties
}
CALL (included) {
  UNWIND included AS a
  WITH a, included
  WHERE size($types) > 0
  CALL (a, included) {
    MATCH (a)-[r]->(b)
    WHERE type(r) IN $types AND b IN included
    RETURN r, b
  }
  WITH a, r, b
  ORDER BY elementId(r)
  WITH type(r) AS type, a.id AS source, b.id AS target, collect(r)[0] AS first
  ORDER BY type, source, target
  RETURN
    collect([type, source, target]) AS edges,
    collect(CASE WHEN $withProperties THEN properties(first) END) AS edgeProperties
}
CALL (inner, included) {
  UNWIND inner AS x
  MATCH (x)-[r]-(m)
  WHERE type(r) IN $types
    AND NOT m IN included
    AND ($labels IS NULL OR any(label IN labels(m) WHERE label IN $labels))
  WITH type(r) AS relationshipType, count(DISTINCT m) AS count
  ORDER BY count DESC, relationshipType
  RETURN collect([relationshipType, count]) AS omitted
}
