// The page of the partner suggestions: each known firm of $enterpriseIds with the counties it is located in, its
// division (GB/T 4754: 'C2651' → 'C26', '2651' → '26') and its chains (shared/chainsFedBy).
// Clauses inside a statement. Expects: w. Binds: w, firms (list of {e, counties, division, chains}).
UNWIND $enterpriseIds AS enterpriseId
MATCH (e:Enterprise {id: enterpriseId})
OPTIONAL MATCH (e)-[:LOCATED_IN]->(county:Region)
WITH w, e, collect(county) AS counties,
     CASE WHEN e.industryCode =~ '[A-Za-z].*' THEN left(e.industryCode, 3) ELSE left(e.industryCode, 2) END AS division
CALL (e) {
  // #include shared/chainsFedBy
  RETURN collect(DISTINCT chain) AS chains
}
WITH w, collect({e: e, counties: counties, division: division, chains: chains}) AS firms
