// One hop of a neighbourhood: the best new neighbours of the frontier, at most as many as the map still has room
// for ($limit minus the nodes already in it). Neighbours are grouped by the relationship type that reaches them (a
// node reached through two types is in both groups); within a group they rank by degree (most connected first), then
// id. Groups are then taken in turns — every group's first, then every group's second, … — ties going to the type
// with the smaller $priority, so one huge group (a hub's 10,000 suppliers) cannot crowd out the small ones. Each group
// is cut to the room left before the turns, so what is carried forward stays bounded by (number of types) × $limit
// whatever the hub's degree.
// Clauses inside a statement (cypher/maps/neighborhood.cypher includes it once per hop a map can have). Once hop
// passes $depth, or the map is full, the frontier is emptied and the hop adds nothing.
// Parameters: $depth: integer, $limit: integer, $types and $labels (parts/admitted: which neighbours may join),
//   $priority: map<string, integer> (relationship type → its rank, smaller first; a type not in it comes last)
// Expects: hop (integer, the hops made so far), included (list<node>, the map so far in order), inner (list<node>,
//   the nodes whose neighbours have been looked at), frontier (list<node>, what the last hop added); nothing else.
// Binds: the same four, one hop further: the frontier joins inner, the new nodes join included and become the frontier.
WITH hop + 1 AS hop, included, inner, frontier
WITH
  hop,
  included,
  $limit - size(included) AS room,
  inner + CASE WHEN hop <= $depth THEN frontier ELSE [] END AS inner,
  CASE WHEN hop <= $depth AND size(included) < $limit THEN frontier ELSE [] END AS frontier
CALL (frontier, included, room) {
  UNWIND frontier AS f
  MATCH (f)-[r]-(m)
  WHERE
    // #include maps/parts/admitted
  WITH DISTINCT room, type(r) AS type, m
  WITH room, type, m, COUNT { (m)--() } AS degree
  ORDER BY degree DESC, m.id
  WITH room, type, collect(m)[..room] AS best
  UNWIND range(0, size(best) - 1) AS position
  WITH best[position] AS m, min(position * 1000 + coalesce($priority[type], 999)) AS turn
  ORDER BY turn, m.id
  RETURN collect(m) AS ranked
}
WITH hop, included, inner, ranked[..room] AS next
WITH hop, included + next AS included, inner, next AS frontier
