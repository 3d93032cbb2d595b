// Query.chainSegmentsWithoutEnterprise: segments (of the chain $chainId, or of every chain) in which no enterprise
// OPERATES_IN; with $regionCode, no enterprise located in that region (or a region PART_OF it).
// Parameters: $chainId: string|null, $regionCode: string|null, $limit: integer, $offset: integer
// Columns: segment (ChainSegment), by id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
MATCH (segment:ChainSegment)-[:OF_CHAIN]->(segmentChain:IndustryChain)
WHERE ($chainId IS NULL OR segmentChain.id = $chainId)
  AND NOT EXISTS {
    MATCH (segment)<-[:OPERATES_IN]-(e:Enterprise)
    WHERE
    // #include shared/inRegionScope
  }
WITH DISTINCT segment
RETURN segment
ORDER BY segment.id
LIMIT toInteger($offset) + toInteger($limit)
