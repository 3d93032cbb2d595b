// Enterprise.missingFourHaves(year): which of the four haves (四有) this enterprise lacks in the year, in the order
// RD_INSTITUTION, RD_STAFF, RD_SPENDING, IUR_COOPERATION; all four without a report of the year.
// Parameters: $year: integer; `this` is the Enterprise (bound by @neo4j/graphql).
// Columns: missing (a FourHave code), one row each.
WITH this AS e, toInteger($year) AS reviewYear
OPTIONAL MATCH (e)-[:HAS_REPORT]->(yearReport:AnnualReport)
WHERE yearReport.year = reviewYear
WITH e, reviewYear, head(collect(yearReport)) AS report
UNWIND
  // #include shared/missingFourHaves
  AS missing
RETURN missing
