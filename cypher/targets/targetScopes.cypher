// The scopes that have targets in a year, to name them when a review is asked for a scope that has none.
// Parameters: $year (Int)
// Columns: regionCode (null = the whole graph), chainId (null = every chain) — one row per distinct scope
MATCH (t:Target {year: $year})
OPTIONAL MATCH (t)-[:FOR_REGION]->(r:Region)
OPTIONAL MATCH (t)-[:FOR_CHAIN]->(c:IndustryChain)
RETURN DISTINCT r.code AS regionCode, c.id AS chainId
ORDER BY regionCode, chainId
