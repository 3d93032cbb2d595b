// The targets set for a year, optionally only those for a region and/or an industry chain.
// Parameters: $year (Int), $regionCode (String or null), $chainId (String or null)
// Columns: id, metric, value, comparison, regionCode (null = whole graph), chainId (null = every chain)
MATCH (t:Target {year: $year})
OPTIONAL MATCH (t)-[:FOR_REGION]->(r:Region)
OPTIONAL MATCH (t)-[:FOR_CHAIN]->(c:IndustryChain)
WITH t, r, c
WHERE ($regionCode IS NULL OR r.code = $regionCode) AND ($chainId IS NULL OR c.id = $chainId)
RETURN t.id AS id, t.metric AS metric, t.value AS value, t.comparison AS comparison, r.code AS regionCode,
       c.id AS chainId
ORDER BY metric, id
