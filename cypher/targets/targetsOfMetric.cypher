// The targets of one metric set for exactly one scope, over a range of years (Query.metricSeries): with a null
// $regionCode only targets for no region, with a null $chainId only targets for no chain.
// Parameters: $metric: string, $from: integer, $to: integer, $regionCode: string|null, $chainId: string|null
// Columns: id: string, year: integer, value: float, comparison: string
MATCH (t:Target {metric: $metric})
WHERE $from <= t.year <= $to
  AND CASE
    WHEN $regionCode IS NULL THEN NOT EXISTS { (t)-[:FOR_REGION]->(:Region) }
    ELSE EXISTS { (t)-[:FOR_REGION]->(:Region {code: $regionCode}) }
  END
  AND CASE
    WHEN $chainId IS NULL THEN NOT EXISTS { (t)-[:FOR_CHAIN]->(:IndustryChain) }
    ELSE EXISTS { (t)-[:FOR_CHAIN]->(:IndustryChain {id: $chainId}) }
  END
RETURN t.id AS id, t.year AS year, t.value AS value, t.comparison AS comparison
ORDER BY year, comparison, id
