// Query.enterprisesMissingFourHaves, rule R6: above-scale enterprises of the year (in scope) that lack at least
// one of the four haves (四有); Enterprise.missingFourHaves(year) says which. Their number is the denominator
// minus the numerator of FOUR_HAVES_COVERAGE for the same year and filters.
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null, $limit: integer, $offset: integer
// Columns: e (Enterprise), by the year's revenue descending, unknown last, then id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// With the aggregates ready, the rows come from the maintained gap entries (shared/maintainedGapPage); otherwise
// from the population, live.
WITH toInteger($year) AS listYear,
  // #include shared/aggregatesReady
  AS maintained
CALL (listYear, maintained) {
  WITH listYear AS reviewYear, 'R6' AS gap, maintained
  WHERE maintained
  // #include shared/maintainedGapPage
  UNION
  WITH listYear AS reviewYear, maintained
  WHERE NOT maintained
  // #include shared/fourHavesPopulation
  WITH e, reviewYear, report,
    // #include shared/missingFourHaves
    AS missing
  WHERE size(missing) > 0
  RETURN e, coalesce(report.revenue, -1) AS rank
}
RETURN e
ORDER BY rank DESC, e.id
LIMIT toInteger($offset) + toInteger($limit)
