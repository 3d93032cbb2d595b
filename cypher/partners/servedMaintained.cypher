// A candidate's load as partners/served counts it, from the maintained PARTNER_PEERS|served|<candId> counter
// (src/aggregates/contributions.ts: a mark per enterprise that works with the candidate; its nodes summed).
// Clauses inside a statement (one CALL subquery). Expects: cand, and no variable named served or a in scope.
// Binds: served (integer).
CALL (cand) {
  MATCH (a:Aggregate)
  WHERE a.key = 'PARTNER_PEERS|served|' + cand.id AND a.year = 0
  RETURN coalesce(sum(a.value), 0) AS served
}
