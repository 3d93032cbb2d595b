// The chains of an enterprise, enumerated from its side: the chains of the segments e OPERATES_IN, and those it
// LEADS_CHAIN. The same relation as shared/chainEnterprise (which tests it for a given chain), for queries that start
// from enterprises and need their chains (the lab-partner gap test covers both ways: a segment, a led chain).
// Clauses inside a statement (one CALL subquery). Expects: e (Enterprise), and no variable named chain in scope.
// Binds: chain (IndustryChain; once per way e belongs to it, so possibly more than once).
CALL (e) {
  MATCH (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(chain:IndustryChain)
  RETURN chain
  UNION ALL
  MATCH (e)-[:LEADS_CHAIN]->(chain:IndustryChain)
  RETURN chain
}
