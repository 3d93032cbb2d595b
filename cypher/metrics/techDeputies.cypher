// TECH_DEPUTIES (科技副总): the distinct people SECONDED_TO an enterprise in scope for a period covering the year
// (fromYear <= year <= toYear), and the distinct ones whose secondment to such an enterprise starts in it.
// Scope (the same clauses in every enterprise metric): shared/inRegionScope (with $regionCode, located in that
// region or a region PART_OF it) and shared/inChainScope (with $chainId, the chain's enterprises).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (person:Person)-[s:SECONDED_TO]->(e:Enterprise)
WHERE s.fromYear <= $year AND $year <= s.toYear
  AND
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
RETURN count(DISTINCT person) AS value, count(DISTINCT CASE WHEN s.fromYear = $year THEN person END) AS newInYear
