// Query.backboneEnterprisesWithoutPlatform, rule R5: backbone enterprises (with $leadingChainsOnly, only those of
// a leading chain) that HOST no Platform (with $year, none approved by that year). R5_COMPLIANCE counts the same
// population.
// Parameters: $leadingChainsOnly: boolean, $year: integer|null (null: a platform of any year counts),
//   $regionCode: string|null, $chainId: string|null, $limit: integer, $offset: integer
// Columns: e (Enterprise), by Enterprise.revenue (latest year) descending, unknown last, then id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// #include shared/backbonePopulation
WITH *
WHERE NOT
  // #include shared/hostsPlatform
RETURN e
ORDER BY coalesce(e.revenue, -1) DESC, e.id
LIMIT toInteger($offset) + toInteger($limit)
