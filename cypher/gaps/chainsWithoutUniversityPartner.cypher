// Query.chainsWithoutUniversityPartner: industry chains without a university partner (see
// shared/universityPartnerChains: a University that cooperates with, shares a consortium targeting the chain with, or
// employs a 科技副总 seconded to, one of the chain's enterprises).
// Parameters: $limit: integer, $offset: integer
// Columns: chain (IndustryChain), by id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// With the aggregates ready, a chain has a partner when its maintained count of partners (UNIVERSITY_PARTNERS, kept by
// src/aggregates/) is above 0: one counter per chain instead of every partner's links; otherwise live.
WITH
  // #include shared/aggregatesReady
  AS maintained
CALL (maintained) {
  WITH *
  WHERE maintained
  MATCH (chain:IndustryChain)
  WHERE reduce(total = 0, value IN COLLECT {
    MATCH (counter:Aggregate)
    WHERE counter.key = 'UNIVERSITY_PARTNERS|count|*|' + chain.id AND counter.year = 0
    RETURN counter.value
  } | total + value) <= 0
  RETURN chain
  UNION
  WITH *
  WHERE NOT maintained
  // #include shared/universityPartnerChains
  MATCH (chain:IndustryChain)
  WHERE NOT chain IN partneredChains
  RETURN chain
}
RETURN chain
ORDER BY chain.id
LIMIT toInteger($offset) + toInteger($limit)
