// FOUR_HAVES_COVERAGE (四有): among the enterprises in scope whose AnnualReport of the year says aboveScale
// (shared/fourHavesPopulation), those that lack none of the four (shared/missingFourHaves): an R&D institution
// (the report says so, or the enterprise HOSTS a Platform approved by the year), R&D staff, R&D spending and
// industry-university-research cooperation. Anchored on AnnualReport.year. The enterprises lacking any are what
// Query.enterprisesMissingFourHaves lists; Query.fourHavesCoverage returns these numbers.
// Scope (the same clauses in every enterprise metric): shared/inRegionScope (with $regionCode, located in that
// region or a region PART_OF it) and shared/inChainScope (with $chainId, the chain's enterprises).
// Parameters: $year: integer, $regionCode: string|null, $chainId: string|null
// Columns: numerator: integer, denominator: integer
WITH toInteger($year) AS reviewYear
// #include shared/fourHavesPopulation
WITH e,
  // #include shared/missingFourHaves
  AS missing
RETURN count(CASE WHEN size(missing) = 0 THEN e END) AS numerator, count(e) AS denominator
