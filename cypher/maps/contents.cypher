// The contents of the map made of the given nodes (parts/subgraphContents says what that holds), for maps whose
// nodes are chosen by an earlier statement (shortest paths, chain maps).
// Parameters: $nodes: list<string> (elementIds), $types: list<string> (relationship types; [] for no edges),
//   $withProperties: boolean, $hiddenProperties: list<string> (see parts/subgraphContents)
// Columns: one row of nodes, nodeProperties, edges, edgeProperties, as parts/subgraphContents binds them
// (nodes in no particular order)
CALL () {
  MATCH (n)
  WHERE elementId(n) IN $nodes
  RETURN collect(n) AS included
}
// #include maps/parts/subgraphContents
RETURN nodes, nodeProperties, edges, edgeProperties
