// HIGH_TECH_ENTERPRISES, INNOVATION_LEADER_ENTERPRISES, TECH_SMES, GAZELLE_ENTERPRISES: the distinct enterprises in
// scope that hold qualification $code in the year (grantedYear <= year <= validUntilYear), and the distinct ones
// with a HOLDS of that code granted in the year. Anchored on the unique Qualification code.
// Scope (the same clauses in every enterprise metric): shared/inRegionScope (with $regionCode, located in that
// region or a region PART_OF it) and shared/inChainScope (with $chainId, the chain's enterprises).
// Parameters: $code: string (Qualification.code), $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (:Qualification {code: $code})<-[h:HOLDS]-(e:Enterprise)
WHERE (h.grantedYear = $year OR (h.grantedYear <= $year AND $year <= h.validUntilYear))
  AND
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
RETURN
  count(DISTINCT CASE WHEN h.grantedYear <= $year AND $year <= h.validUntilYear THEN e END) AS value,
  count(DISTINCT CASE WHEN h.grantedYear = $year THEN e END) AS newInYear
