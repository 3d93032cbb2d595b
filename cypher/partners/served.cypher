// A candidate's load: the distinct enterprises it works with (partners/worksWith, from the candidate's side: those
// that COOPERATE_WITH it; for a platform, those it PARTNERS_WITH or HOSTS it, either way). The maintained
// PARTNER_PEERS|served counters count the same (partners/servedMaintained).
// Clauses inside a statement (one CALL subquery). Expects: cand, and no variable named served or firm in scope.
// Binds: served (integer).
CALL (cand) {
  RETURN COUNT {
    MATCH (cand)<-[:COOPERATES_WITH]-(firm:Enterprise)
    RETURN firm
    UNION
    MATCH (cand:Platform)-[:PARTNERS_WITH|HOSTS]-(firm:Enterprise)
    RETURN firm
  } AS served
}
