// Whether the region codes, chain ids and report years that gap queries were given exist, checked before
// @neo4j/graphql runs the queries (src/graphql/argumentGuards.ts), and the range of report years for the message.
// Parameters: $regionCodes: [string], $chainIds: [string], $years: [integer]
// Columns: unknownRegionCodes: [string], unknownChainIds: [string], unknownYears: [integer],
//   firstYear: integer|null, lastYear: integer|null (the oldest and newest AnnualReport year)
OPTIONAL CALL () {
  MATCH (first:AnnualReport)
  WHERE first.year IS NOT NULL
  RETURN first.year AS firstYear
  ORDER BY firstYear
  LIMIT 1
}
OPTIONAL CALL () {
  MATCH (last:AnnualReport)
  WHERE last.year IS NOT NULL
  RETURN last.year AS lastYear
  ORDER BY lastYear DESC
  LIMIT 1
}
RETURN
  [code IN $regionCodes WHERE NOT EXISTS { (:Region {code: code}) }] AS unknownRegionCodes,
  [id IN $chainIds WHERE NOT EXISTS { (:IndustryChain {id: id}) }] AS unknownChainIds,
  [year IN $years WHERE NOT EXISTS { (:AnnualReport {year: year}) }] AS unknownYears,
  firstYear,
  lastYear
