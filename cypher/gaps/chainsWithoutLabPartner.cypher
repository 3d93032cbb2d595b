// Query.chainsWithoutLabPartner: industry chains that no lab partner serves (see shared/labPartnerChains: a laboratory
// kind of Platform that SERVES the chain, or PARTNERS_WITH or is HOSTED by one of its enterprises).
// Parameters: $limit: integer, $offset: integer
// Columns: chain (IndustryChain), by id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// With the aggregates ready, a chain has a partner when its maintained count of partners (LAB_PARTNERS, kept by
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
    WHERE counter.key = 'LAB_PARTNERS|count|*|' + chain.id AND counter.year = 0
    RETURN counter.value
  } | total + value) <= 0
  RETURN chain
  UNION
  WITH *
  WHERE NOT maintained
  // #include shared/labPartnerChains
  MATCH (chain:IndustryChain)
  WHERE NOT chain IN partneredChains
  RETURN chain
}
RETURN chain
ORDER BY chain.id
LIMIT toInteger($offset) + toInteger($limit)
