// Partner suggestions for an enterprise: universities, research institutes and platforms it does not work with yet,
// ranked by evidence in the graph. Evidence (each counted, score = 3·segmentPeers + 2·sharedProjects + experts):
//   segmentPeers   firms in the same chain segments that already cooperate with the candidate (COOPERATES_WITH)
//                  or that the candidate platform PARTNERS_WITH or is HOSTED by;
//   sharedProjects projects the candidate undertook together with one of the enterprise's partners;
//   experts        people the candidate employs whose expertise matches one of the enterprise's chains (the first
//                  two characters of an expertise term occur in the chain's name, e.g. 碳化硅 ~ 硅碳与碳化硅…链).
// "Works with already": cooperates with, hosts or is partnered by it, shares a consortium with it, or employs a
// 科技副总 seconded to it.
// Parameters: $enterpriseId (String), $limit (Int)
// Columns: id, type, name, score, segmentPeers, sharedProjects, experts
MATCH (e:Enterprise {id: $enterpriseId})
CALL (e) {
  MATCH (e)-[:OPERATES_IN]->(:ChainSegment)<-[:OPERATES_IN]-(peer:Enterprise)-[:COOPERATES_WITH]->(cand)
  WHERE peer <> e
  RETURN cand, count(DISTINCT peer) AS segmentPeers, 0 AS sharedProjects, 0 AS experts
  UNION ALL
  MATCH (e)-[:OPERATES_IN]->(:ChainSegment)<-[:OPERATES_IN]-(peer:Enterprise)-[:PARTNERS_WITH|HOSTS]-(cand:Platform)
  WHERE peer <> e
  RETURN cand, count(DISTINCT peer) AS segmentPeers, 0 AS sharedProjects, 0 AS experts
  UNION ALL
  MATCH (e)-[:COOPERATES_WITH]->(partner)-[:UNDERTAKES]->(p:Project)<-[:UNDERTAKES]-(cand)
  WHERE (cand:University OR cand:ResearchInstitute) AND cand <> partner
  RETURN cand, 0 AS segmentPeers, count(DISTINCT p) AS sharedProjects, 0 AS experts
  UNION ALL
  MATCH (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(chain:IndustryChain)
  MATCH (cand)<-[:EMPLOYED_BY]-(person:Person)
  WHERE any(x IN person.expertise WHERE size(x) >= 2 AND chain.name CONTAINS left(x, 2))
  RETURN cand, 0 AS segmentPeers, 0 AS sharedProjects, count(DISTINCT person) AS experts
}
WITH e, cand, sum(segmentPeers) AS segmentPeers, sum(sharedProjects) AS sharedProjects, sum(experts) AS experts
WHERE NOT EXISTS { (e)-[:COOPERATES_WITH|HOSTS]->(cand) }
  AND NOT EXISTS { (cand)-[:PARTNERS_WITH]->(e) }
  AND NOT EXISTS { (e)-[:LEADS|MEMBER_OF]->(:Consortium)<-[:MEMBER_OF]-(cand) }
  AND NOT EXISTS { (cand)<-[:EMPLOYED_BY]-(:Person)-[:SECONDED_TO]->(e) }
WITH cand, segmentPeers, sharedProjects, experts, 3 * segmentPeers + 2 * sharedProjects + experts AS score
ORDER BY score DESC, cand.id
LIMIT $limit
RETURN cand.id AS id, labels(cand)[0] AS type, cand.name AS name, score, segmentPeers, sharedProjects, experts
