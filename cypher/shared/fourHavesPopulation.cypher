// The population of rule R6 (四有): enterprises in scope whose AnnualReport of the year says aboveScale, each once.
// Clauses that start a statement. Binds: e (Enterprise), reviewYear (integer), report (that AnnualReport).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
MATCH (report:AnnualReport)<-[:HAS_REPORT]-(e:Enterprise)
WHERE report.year = toInteger($year) AND report.aboveScale = true
  AND
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
WITH e, toInteger($year) AS reviewYear, head(collect(report)) AS report
