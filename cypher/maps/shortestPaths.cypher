// Shortest paths between two distinct nodes, in either direction, through relationships of $types only, at most
// $maxPaths of them. The hop bound of a variable-length pattern cannot be a parameter, so the search always goes up
// to 8 hops (the largest maxHops allowed) and the caller compares `hops` with the maxHops asked for: that also
// tells "no path within maxHops, but a longer one exists" from "no path within 8 hops".
// Parameters: $from: string, $to: string (elementIds, different), $types: list<string>, $maxPaths: integer ≥ 1,
//   $hiddenProperties: list<string> (property names never read out, see parts/subgraphContents)
// Columns: hops: integer, nodes: list<string> (elementIds in path order),
//   edges: list<map {type, source, target, properties}> (source and target are domain ids, as stored) — one row per
//   path; no row when no path of at most 8 hops exists
MATCH (a)
WHERE elementId(a) = $from
MATCH (b)
WHERE elementId(b) = $to
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
RETURN
  length(p) AS hops,
  [n IN nodes(p) | elementId(n)] AS nodes,
  [r IN relationships(p) |
    {type: type(r), source: startNode(r).id, target: endNode(r).id, properties: apoc.map.removeKeys(properties(r), $hiddenProperties)}] AS edges
LIMIT $maxPaths
