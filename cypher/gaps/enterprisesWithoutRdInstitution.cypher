// Query.enterprisesWithoutRdInstitution, rule R1: enterprises whose revenue in the review year is at least
// $minRevenue (default 1亿) and that have no R&D institution that year (they host no Platform approved by then,
// and their report of the year does not say hasRdInstitution). R1_COMPLIANCE counts the same population.
// Parameters: $minRevenue: integer (yuan), $year: integer|null (default: the latest AnnualReport year),
//   $regionCode: string|null, $chainId: string|null, $limit: integer, $offset: integer
// Columns: e (Enterprise), by review-year revenue descending, then id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// With the default arguments (RULE_DEFAULTS in src/domain/ruleDefaults.ts) and the aggregates ready, the rows come
// from the maintained gap entries (shared/maintainedGapPage); otherwise from the population, live.
// #include shared/reviewYear
WITH reviewYear AS listYear,
  toInteger($minRevenue) = {{R1_MIN_REVENUE}} AS defaults,
  // #include shared/aggregatesReady
  AS maintained
CALL (listYear, defaults, maintained) {
  WITH listYear AS reviewYear, 'R1' AS gap, maintained AND defaults AS fromEntries
  WHERE fromEntries
  // #include shared/maintainedGapPage
  UNION
  WITH *
  WHERE NOT (maintained AND defaults)
  // #include shared/revenuePopulation
  WITH *
  WHERE NOT
    // #include shared/rdInstitution
  RETURN e, reviewRevenue AS rank
}
RETURN e
ORDER BY rank DESC, e.id
LIMIT toInteger($offset) + toInteger($limit)
