// Query.enterprisesWithoutLandmarkAchievement, rule R2: enterprises whose revenue in the review year is at least
// $minRevenue (default 5亿) and that ACHIEVED no landmark Achievement in the last $withinYears years up to the
// review year (reviewYear - $withinYears < year <= reviewYear). R2_COMPLIANCE counts the same population.
// Parameters: $minRevenue: integer (yuan), $year: integer|null (default: the latest AnnualReport year),
//   $regionCode: string|null, $chainId: string|null, $limit: integer, $offset: integer,
//   $withinYears: integer (≥ 1)
// Columns: e (Enterprise), by review-year revenue descending, then id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// #include shared/revenuePopulation
WITH *
WHERE NOT
  // #include shared/landmarkResult
RETURN e
ORDER BY reviewRevenue DESC, e.id
LIMIT toInteger($offset) + toInteger($limit)
