// FOUR_HAVES_COVERAGE (四有): among the enterprises in scope whose AnnualReport of the year says aboveScale, those
// that have all four: an R&D institution (the report says so, or the enterprise HOSTS a Platform approved by the
// year), R&D staff, R&D spending and industry-university-research cooperation. Anchored on AnnualReport.year.
// Scope (the same clauses in every metrics file): with $regionCode, located in that region or in a region that is
// PART_OF it at any depth; with $chainId, the chain's enterprises (OPERATES_IN one of its segments, or LEADS_CHAIN).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: numerator: integer, denominator: integer
MATCH (r:AnnualReport {year: $year})<-[:HAS_REPORT]-(e:Enterprise)
WHERE r.aboveScale = true
  AND ($regionCode IS NULL OR EXISTS { (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode}) })
  AND ($chainId IS NULL
    OR EXISTS { (e)-[:OPERATES_IN]->(:ChainSegment)-[:OF_CHAIN]->(:IndustryChain {id: $chainId}) }
    OR EXISTS { (e)-[:LEADS_CHAIN]->(:IndustryChain {id: $chainId}) })
WITH e, r.hasRdStaff = true AND r.hasRdSpending = true AND r.hasIurCooperation = true
  AND (r.hasRdInstitution = true OR EXISTS { (e)-[:HOSTS]->(p:Platform) WHERE p.approvedYear <= $year }) AS covered
RETURN count(DISTINCT CASE WHEN covered THEN e END) AS numerator, count(DISTINCT e) AS denominator
