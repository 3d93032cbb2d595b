// Query.chainSegmentsWithoutEnterprise: segments (of the chain $chainId, or of every chain) in which no enterprise
// OPERATES_IN; with $regionCode, no enterprise located in that region (or a region PART_OF it).
// Parameters: $chainId: string|null, $regionCode: string|null, $limit: integer, $offset: integer
// Columns: segment (ChainSegment), by id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
// With the aggregates ready, a segment has an enterprise (in the region) when its maintained count
// (SEGMENT_ENTERPRISES, kept by src/aggregates/) is above 0; otherwise live.
WITH
  // #include shared/aggregatesReady
  AS maintained
MATCH (segment:ChainSegment)-[:OF_CHAIN]->(segmentChain:IndustryChain)
WHERE ($chainId IS NULL OR segmentChain.id = $chainId)
  AND CASE
    WHEN maintained THEN reduce(total = 0, value IN COLLECT {
      MATCH (counter:Aggregate)
      WHERE counter.key = 'SEGMENT_ENTERPRISES|count|' + coalesce($regionCode, '*') + '|' + segment.id AND counter.year = 0
      RETURN counter.value
    } | total + value) <= 0
    ELSE NOT EXISTS {
      MATCH (segment)<-[:OPERATES_IN]-(e:Enterprise)
      WHERE
      // #include shared/inRegionScope
    }
  END
WITH DISTINCT segment
RETURN segment
ORDER BY segment.id
LIMIT toInteger($offset) + toInteger($limit)
