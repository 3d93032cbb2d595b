// The contents of the map made of the given nodes (parts/subgraphContents says what that holds), for maps whose
// nodes are chosen by an earlier statement (shortest paths, chain maps). Nothing is counted as left out.
// Parameters: $nodes: list<string> (elementIds), $types: list<string> (relationship types; [] for no edges),
//   $withProperties: boolean, $labels: null (left-out counting is off here)
// Columns: one row of nodes, nodeProperties, edges, edgeProperties, omitted, as parts/subgraphContents binds them
// (nodes in no particular order)
CALL () {
  MATCH (n)
  WHERE elementId(n) IN $nodes
  RETURN collect(n) AS included
}
WITH included, [] AS inner
// #include maps/parts/subgraphContents
RETURN nodes, nodeProperties, edges, edgeProperties, omitted
