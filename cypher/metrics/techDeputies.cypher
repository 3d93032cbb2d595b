// TECH_DEPUTIES (科技副总): the distinct people SECONDED_TO an enterprise in scope for a period covering the year
// (fromYear <= year <= toYear), and the distinct ones whose secondment to such an enterprise starts in it.
// Scope (the same clauses in every metrics file): with $regionCode, located in that region or in a region that is
// PART_OF it at any depth; with $chainId, the chain's enterprises (OPERATES_IN one of its segments, or LEADS_CHAIN).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (person:Person)-[s:SECONDED_TO]->(e:Enterprise)
WHERE s.fromYear <= $year AND $year <= s.toYear
  AND ($regionCode IS NULL OR EXISTS { (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode}) })
  AND ($chainId IS NULL
    OR EXISTS { (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(:IndustryChain {id: $chainId}) }
    OR EXISTS { (e)-[:LEADS_CHAIN]->(:IndustryChain {id: $chainId}) })
RETURN count(DISTINCT person) AS value, count(DISTINCT CASE WHEN s.fromYear = $year THEN person END) AS newInYear
