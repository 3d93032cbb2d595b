// The population of rule R6 (四有): enterprises in scope whose AnnualReport of the year says aboveScale, each once.
// Clauses inside a statement. Expects: reviewYear (integer), a variable rather than $year: a statement choosing
// between this and its maintained entries (gaps/enterprisesMissingFourHaves) then seeks the reports on the live branch
// only — with a constant the planner sought every report of the year first and dropped the branch after (125,000
// rows at scale 50). Binds: e (Enterprise), reviewYear, report (that AnnualReport).
// Parameters: $regionCode: string|null, $chainId: string|null
MATCH (report:AnnualReport)<-[:HAS_REPORT]-(e:Enterprise)
WHERE report.year = reviewYear AND report.aboveScale = true
  AND
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
WITH e, reviewYear, head(collect(report)) AS report
