// RD_ACTIVITIES_COLLECTED, NATIONAL_PROVINCIAL_PROJECTS, NATIONAL_PROVINCIAL_PROJECT_FUNDING: the projects of the
// year with a status in $statuses (and, unless $levels is null, a level in $levels), and the sum of their funding.
// The sum stays a Neo4j integer (exact, whole yuan); a project without funding adds 0. Anchored on Project.year.
// Scope: with $regionCode, undertaken by an Enterprise, University or ResearchInstitute located in that region or in
// a region that is PART_OF it at any depth; with $chainId, ADDRESSES the chain or is undertaken by one of the
// chain's enterprises (shared/chainEnterprise: OPERATES_IN one of its segments, or LEADS_CHAIN).
// Parameters: $year: integer, $statuses: [string], $levels: [string]|null, $regionCode: string|null,
//   $chainId: string|null
// Columns: value: integer (projects), funding: integer (yuan)
MATCH (p:Project {year: $year})
WHERE p.status IN $statuses AND ($levels IS NULL OR p.level IN $levels)
  AND ($regionCode IS NULL OR EXISTS {
    (p)<-[:UNDERTAKES]-(o)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode})
    WHERE o:Enterprise OR o:University OR o:ResearchInstitute
  })
  AND ($chainId IS NULL
    OR EXISTS { (p)-[:ADDRESSES]->(:IndustryChain {id: $chainId}) }
    OR EXISTS {
      MATCH (p)<-[:UNDERTAKES]-(e:Enterprise), (chain:IndustryChain {id: $chainId})
      WHERE
      // #include shared/chainEnterprise
    })
RETURN count(p) AS value, sum(coalesce(p.funding, 0)) AS funding
