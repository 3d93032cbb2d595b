// The review year: $year, or when it is null the latest AnnualReport year in the data (the newest report by the
// year index, not a scan of every report). Null only in a graph without reports.
// Clauses that start a statement. Binds: reviewYear (integer). Parameters: $year: integer|null
OPTIONAL CALL () {
  MATCH (latest:AnnualReport)
  WHERE latest.year IS NOT NULL
  RETURN latest.year AS latestYear
  ORDER BY latestYear DESC
  LIMIT 1
}
WITH coalesce(toInteger($year), latestYear) AS reviewYear
