// The rows of a breakdown by county (Query.metricBreakdown, Query.chainCountyMatrix): the regions directly PART_OF
// the scope region ($regionCode), or, with no region filter, those directly PART_OF a top region (one PART_OF
// nothing: the city) — its districts, counties, county-level cities and functional zones. By code: a stable order.
// Parameters: $regionCode: string|null
// Columns: code: string, name: string, level: string
MATCH (part:Region)-[:PART_OF]->(scope:Region)
WHERE CASE
  WHEN $regionCode IS NULL THEN NOT EXISTS { (scope)-[:PART_OF]->(:Region) }
  ELSE scope.code = $regionCode
END
RETURN DISTINCT part.code AS code, part.name AS name, part.level AS level
ORDER BY code
