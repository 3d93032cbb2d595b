// INNOVATIVE_ENTERPRISES: the distinct enterprises in scope holding any qualification in the year
// (grantedYear <= year <= validUntilYear), and those of them that held none in the year before.
// Scope (the same clauses in every enterprise metric): shared/inRegionScope (with $regionCode, located in that
// region or a region PART_OF it) and shared/inChainScope (with $chainId, the chain's enterprises).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (e:Enterprise)-[h:HOLDS]->(:Qualification)
WHERE h.grantedYear <= $year AND $year <= h.validUntilYear
WITH DISTINCT e
WHERE
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
RETURN
  count(e) AS value,
  count(CASE
    WHEN NOT EXISTS {
      (e)-[before:HOLDS]->(:Qualification) WHERE before.grantedYear <= $year - 1 AND $year - 1 <= before.validUntilYear
    } THEN e
  END) AS newInYear
