// The neighbourhood of the node with domain id $id, in one statement: up to $depth hops (parts/neighborhoodHop),
// each keeping the best new neighbours of the last hop's nodes while fewer than $limit nodes are in the map, then the
// map's contents (parts/subgraphContents) and what it left out. A node reachable several ways is met once, at its
// first hop. omitted counts the neighbours of the nodes closer than $depth that were left out, so a map without any
// is the whole neighbourhood. The hops stay in the database: nothing goes back and forth between them.
// The hop is included MAP_BOUNDS.depth.max times (src/queries/maps.ts; test/unit/maps.test.ts checks the count).
// Parameters: $id: string, $depth: integer 1..3, $limit: integer ≥ 1, $types: list<string>,
//   $labels: list<string>|null (labels a new node must have one of; null = any; see parts/admitted),
//   $priority: map<string, integer>,
//   $withProperties: boolean, $hiddenProperties: list<string> (see parts/subgraphContents)
// Columns: no row when no node has the id; else one row of nodes (the centre first, then hop by hop, best first),
//   nodeProperties, edges, edgeProperties (as parts/subgraphContents binds them), and omitted: list of
//   [relationship type, count], only types with something left out, most first
WITH $id AS id
// #include maps/parts/nodeById
WITH n
LIMIT 1
WITH 0 AS hop, [n] AS included, [] AS inner, [n] AS frontier
// #include maps/parts/neighborhoodHop
// #include maps/parts/neighborhoodHop
// #include maps/parts/neighborhoodHop
// #include maps/parts/subgraphContents
// What was left out: per relationship type, the distinct neighbours of the inner nodes (those the map reached with
// hops to spare) that the map would have admitted but did not take. Counting only, so a hub's thousands of
// neighbours are read once and never returned.
CALL (inner, included) {
  UNWIND inner AS x
  MATCH (x)-[r]-(m)
  WHERE
    // #include maps/parts/admitted
  WITH type(r) AS relationshipType, count(DISTINCT m) AS count
  ORDER BY count DESC, relationshipType
  RETURN collect([relationshipType, count]) AS omitted
}
RETURN nodes, nodeProperties, edges, edgeProperties, omitted
