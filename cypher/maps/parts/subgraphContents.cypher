// The contents of a map: its nodes with their labels and properties; the relationships of the given types between
// its nodes, each (type, start, end) once — parallel relationships of one type between the same two nodes are one
// edge, carrying the properties of the first by elementId. Relationships are found by expanding each node's
// outgoing ones (the subquery binds the start node, so the planner cannot turn to a hub's thousands of incoming
// relationships instead). Without $withProperties (the client did not select them) no
// properties are read, only the few a display label is made of.
// Nodes and edges come as lists of lists, not lists of maps: neo4j-driver decodes a map several times slower than a
// list, and for a 500-node map that decoding was most of the time of the whole query. (Lists of lists, not one list
// per column, because collect() drops nulls and the columns would no longer line up.)
// Properties named in $hiddenProperties (the confidential fields the request's roles do not reach, src/auth/) are
// never read out: they are removed in the database, so no map can carry them to the client.
// Clauses inside a statement. Parameters: $types: list<string> (relationship types; [] for no edges),
//   $withProperties: boolean, $hiddenProperties: list<string>
// Expects: included (list<node>, the map's nodes).
// Binds: nodes: list of [elementId, labels, id, name, title, year, metric], in the order of included;
//   nodeProperties: list<map> in the same order, or [] without $withProperties;
//   edges: list of [type, source (start node id), target (end node id)], sorted by type, source, target;
//   edgeProperties: list<map> in the same order, or [] without $withProperties
CALL (included) {
  UNWIND included AS n
  RETURN
    collect([elementId(n), labels(n), n.id, n.name, n.title, n.year, n.metric]) AS nodes,
    collect(CASE WHEN $withProperties THEN apoc.map.removeKeys(properties(n), $hiddenProperties) END) AS nodeProperties
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
    collect(CASE WHEN $withProperties THEN apoc.map.removeKeys(properties(first), $hiddenProperties) END) AS edgeProperties
}
