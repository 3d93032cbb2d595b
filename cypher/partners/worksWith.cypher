// The candidates a peer enterprise works with: the universities and institutes it COOPERATES_WITH, the platforms it
// HOSTS or that PARTNERS_WITH it.
// Clauses inside a statement (one CALL subquery). Expects: peer (Enterprise), and no variable named cand in scope.
// Binds: cand (one row per candidate).
CALL (peer) {
  MATCH (peer)-[:COOPERATES_WITH]->(cand)
  RETURN cand
  UNION
  MATCH (peer)-[:PARTNERS_WITH|HOSTS]-(cand:Platform)
  RETURN cand
}
