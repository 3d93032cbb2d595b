// PROVINCIAL_ENGINEERING_CENTERS, MUNICIPAL_ENGINEERING_CENTERS, MUNICIPAL_KEY_LABS, PROVINCIAL_INCUBATORS: the
// platforms of $kind and $level approved by the year that were not MERGED_INTO another, and those approved in it.
// Scope: with $regionCode, hosted by an Enterprise, University or ResearchInstitute located in that region or in a
// region that is PART_OF it at any depth; with $chainId, SERVES the chain or is hosted by one of the chain's
// enterprises (shared/chainEnterprise: OPERATES_IN one of its segments, or LEADS_CHAIN).
// Parameters: $kind: string, $level: string, $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: value: integer, newInYear: integer
MATCH (p:Platform {kind: $kind})
WHERE p.level = $level AND p.approvedYear <= $year
  AND NOT EXISTS { (p)-[:MERGED_INTO]->(other:Platform) WHERE other <> p }
  AND ($regionCode IS NULL OR EXISTS {
    (p)<-[:HOSTS]-(o)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $regionCode})
    WHERE o:Enterprise OR o:University OR o:ResearchInstitute
  })
  AND ($chainId IS NULL
    OR EXISTS { (p)-[:SERVES]->(:IndustryChain {id: $chainId}) }
    OR EXISTS {
      MATCH (p)<-[:HOSTS]-(e:Enterprise), (chain:IndustryChain {id: $chainId})
      WHERE
      // #include shared/chainEnterprise
    })
RETURN count(p) AS value, count(CASE WHEN p.approvedYear = $year THEN p END) AS newInYear
