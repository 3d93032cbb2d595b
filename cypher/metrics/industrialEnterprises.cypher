// INDUSTRIAL_ENTERPRISES: the enterprises in scope, and those of them founded in the year.
// Scope (the same clauses in every enterprise metric): shared/inRegionScope (with $regionCode, located in that
// region or a region PART_OF it) and shared/inChainScope (with $chainId, the chain's enterprises).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (e:Enterprise)
WHERE
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
// foundedOn is a Date or null; null.year is null, and count() skips it.
RETURN count(e) AS value, count(CASE WHEN e.foundedOn.year = $year THEN e END) AS newInYear
