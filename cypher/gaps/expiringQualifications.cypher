// Query.expiringQualifications: enterprises in scope with a HOLDS of qualification $code whose validUntilYear is
// $year (the last year the holding is valid), each once.
// Parameters: $code: string (QualificationCode), $year: integer, $regionCode: string|null, $chainId: string|null,
//   $limit: integer, $offset: integer
// Columns: e (Enterprise), by Enterprise.revenue (latest year) descending, unknown last, then id.
// Paging: ordered for stable pages, cut at the first $offset + $limit rows. @neo4j/graphql itself applies
// SKIP $offset LIMIT $limit around a @cypher field that declares limit and offset (it takes them for its own
// paging arguments), so this statement must not skip as well; the outer SKIP keeps the order of these rows.
MATCH (:Qualification {code: $code})<-[h:HOLDS]-(e:Enterprise)
WHERE h.validUntilYear = toInteger($year)
  AND
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
WITH DISTINCT e
RETURN e
ORDER BY coalesce(e.revenue, -1) DESC, e.id
LIMIT toInteger($offset) + toInteger($limit)
