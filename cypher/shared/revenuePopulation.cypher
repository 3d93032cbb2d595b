// The population of rules R1–R4: enterprises in scope whose AnnualReport of the review year has revenue >=
// $minRevenue (integers compared: the threshold is a Neo4j integer), each once.
// Clauses that start a statement. Binds: e (Enterprise), reviewYear (integer), reviewRevenue (integer, yuan).
// Parameters: $year: integer|null, $minRevenue: integer, $regionCode: string|null, $chainId: string|null
// #include shared/reviewYear
MATCH (report:AnnualReport)<-[:HAS_REPORT]-(e:Enterprise)
WHERE report.year = reviewYear AND report.revenue >= $minRevenue
  AND
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
WITH e, reviewYear, max(report.revenue) AS reviewRevenue
