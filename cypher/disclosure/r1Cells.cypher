// The cells of R1_COMPLIANCE for disclosure control (src/queries/disclosure.ts): the enterprises of the year's report
// population (shared/reportPopulation) counted by the regions they are LOCATED_IN, by whether their revenue reaches
// $minRevenue (big) and by the public attribute of the rule (an R\&D institution that year, shared/rdInstitution).
// The rows with big = true add up to the metric's denominator for any region, those with big and attribute to its
// numerator.
// Parameters: $year: integer, $minRevenue: integer (yuan), $chainId: string|null
// Columns: regions: list of Region codes, big: boolean, attribute: boolean, firms: integer
// #include shared/reportPopulation
WITH e, reviewYear, big,
  // #include shared/rdInstitution
  AS attribute
RETURN [(e)-[:LOCATED_IN]->(region:Region) | region.code] AS regions, big, attribute, count(e) AS firms
