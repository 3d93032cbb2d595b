// HIGH_TECH_ENTERPRISES, INNOVATION_LEADER_ENTERPRISES, TECH_SMES, GAZELLE_ENTERPRISES: the distinct enterprises in
// scope that hold qualification $code in the year (grantedYear <= year <= validUntilYear), and the distinct ones
// with a HOLDS of that code granted in the year. Anchored on the unique Qualification code.
// Scope (the same clauses in every metrics file): with $regionCode, located in that region or in a region that is
// PART_OF it at any depth; with $chainId, the chain's enterprises (OPERATES_IN one of its segments, or LEADS_CHAIN).
// Parameters: $code: string (Qualification.code), $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (:Qualification {code: $code})<-[h:HOLDS]-(e:Enterprise)
WHERE (h.grantedYear = $year OR (h.grantedYear <= $year AND $year <= h.validUntilYear))
  AND ($regionCode IS NULL OR EXISTS { (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode}) })
  AND ($chainId IS NULL
    OR EXISTS { (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(:IndustryChain {id: $chainId}) }
    OR EXISTS { (e)-[:LEADS_CHAIN]->(:IndustryChain {id: $chainId}) })
RETURN
  count(DISTINCT CASE WHEN h.grantedYear <= $year AND $year <= h.validUntilYear THEN e END) AS value,
  count(DISTINCT CASE WHEN h.grantedYear = $year THEN e END) AS newInYear
