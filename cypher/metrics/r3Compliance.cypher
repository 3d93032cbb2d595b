// R3_COMPLIANCE: among the enterprises whose AnnualReport of the year has revenue >= $minRevenue (in scope), those
// that have an innovation consortium (shared/hasConsortium). The non-compliant ones (denominator - numerator) are what
// Query.enterprisesWithoutConsortium lists for the same arguments: both start from shared/revenuePopulation.
// Scope: shared/inRegionScope and shared/inChainScope, the same clauses as every enterprise metric.
// Parameters: $year: integer, $minRevenue: integer (yuan), $regionCode: string|null, $chainId: string|null
// Columns: numerator: integer, denominator: integer
// #include shared/revenuePopulation
WITH e,
  // #include shared/hasConsortium
  AS compliant
RETURN count(CASE WHEN compliant THEN e END) AS numerator, count(e) AS denominator
