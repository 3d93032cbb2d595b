// A candidate's load: the distinct enterprises it works with (partners/worksWith, from the candidate's side).
// Clauses inside a statement (one CALL subquery). Expects: cand, and no variable named served or firm in scope.
// Binds: served (integer).
CALL (cand) {
  RETURN COUNT {
    MATCH (cand)-[:COOPERATES_WITH|PARTNERS_WITH|HOSTS]-(firm:Enterprise)
    RETURN DISTINCT firm
  } AS served
}
