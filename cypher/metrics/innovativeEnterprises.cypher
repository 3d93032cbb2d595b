// INNOVATIVE_ENTERPRISES: the distinct enterprises in scope holding any qualification in the year
// (grantedYear <= year <= validUntilYear), and those of them that held none in the year before.
// Scope (the same clauses in every metrics file): with $regionCode, located in that region or in a region that is
// PART_OF it at any depth; with $chainId, the chain's enterprises (OPERATES_IN one of its segments, or LEADS_CHAIN).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (e:Enterprise)-[h:HOLDS]->(:Qualification)
WHERE h.grantedYear <= $year AND $year <= h.validUntilYear
WITH DISTINCT e
WHERE ($regionCode IS NULL OR EXISTS { (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode}) })
  AND ($chainId IS NULL
    OR EXISTS { (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(:IndustryChain {id: $chainId}) }
    OR EXISTS { (e)-[:LEADS_CHAIN]->(:IndustryChain {id: $chainId}) })
RETURN
  count(e) AS value,
  count(CASE
    WHEN NOT EXISTS {
      (e)-[before:HOLDS]->(:Qualification) WHERE before.grantedYear <= $year - 1 AND $year - 1 <= before.validUntilYear
    } THEN e
  END) AS newInYear
