// The public population behind the cells of rules R1–R4 (disclosure control, src/queries/disclosure.ts): enterprises
// of the chain scope with an AnnualReport of the review year, whatever their revenue, each once, with whether that
// revenue reaches $minRevenue (a missing revenue does not). Those with big = true are exactly shared/revenuePopulation
// without its region filter: the region is read per enterprise instead, so that one statement counts every region.
// Clauses that start a statement. Binds: e (Enterprise), reviewYear (integer), big (boolean).
// Parameters: $year: integer|null, $minRevenue: integer, $chainId: string|null
// #include shared/reviewYear
MATCH (report:AnnualReport)<-[:HAS_REPORT]-(e:Enterprise)
WHERE report.year = reviewYear
  AND
  // #include shared/inChainScope
WITH e, reviewYear, coalesce(max(report.revenue) >= $minRevenue, false) AS big
