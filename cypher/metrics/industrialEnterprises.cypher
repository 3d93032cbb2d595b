// INDUSTRIAL_ENTERPRISES: the enterprises in scope, and those of them founded in the year.
// Scope (the same clauses in every metrics file): with $regionCode, located in that region or in a region that is
// PART_OF it at any depth; with $chainId, the chain's enterprises (OPERATES_IN one of its segments, or LEADS_CHAIN).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (e:Enterprise)
WHERE ($regionCode IS NULL OR EXISTS { (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode}) })
  AND ($chainId IS NULL
    OR EXISTS { (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(:IndustryChain {id: $chainId}) }
    OR EXISTS { (e)-[:LEADS_CHAIN]->(:IndustryChain {id: $chainId}) })
// foundedOn is a Date or null; null.year is null, and count() skips it.
RETURN count(e) AS value, count(CASE WHEN e.foundedOn.year = $year THEN e END) AS newInYear
