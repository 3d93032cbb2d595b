// Query.chainsWithoutLabPartner: industry chains that no lab partner serves (see shared/labPartnerChains: a laboratory
// kind of Platform that SERVES the chain, or PARTNERS_WITH or is HOSTED by one of its enterprises).
// Parameters: $limit: integer, $offset: integer
// Columns: chain (IndustryChain), by id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// #include shared/labPartnerChains
MATCH (chain:IndustryChain)
WHERE NOT chain IN partneredChains
RETURN chain
ORDER BY chain.id
LIMIT toInteger($offset) + toInteger($limit)
