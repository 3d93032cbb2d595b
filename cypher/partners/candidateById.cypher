// The candidate (a university, research institute or platform) a partner counter names by id
// (src/aggregates/contributions.ts: the PARTNER_PEERS marks); no row for an id that names none.
// Clauses inside a statement (one CALL subquery). Expects: candId (String), and no variable named cand in scope.
// Binds: cand.
CALL (candId) {
  MATCH (cand:University {id: candId})
  RETURN cand
  UNION
  MATCH (cand:ResearchInstitute {id: candId})
  RETURN cand
  UNION
  MATCH (cand:Platform {id: candId})
  RETURN cand
}
