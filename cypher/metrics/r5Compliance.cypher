// R5_COMPLIANCE: among the backbone enterprises in scope (with $leadingChainsOnly, those of a leading chain), those
// that HOST a Platform approved by the year. The non-compliant ones (denominator - numerator) are what
// Query.backboneEnterprisesWithoutPlatform lists for the same arguments: both start from shared/backbonePopulation.
// Scope: shared/inRegionScope and shared/inChainScope, the same clauses as every enterprise metric.
// Parameters: $year: integer, $leadingChainsOnly: boolean, $regionCode: string|null, $chainId: string|null
// Columns: numerator: integer, denominator: integer
// #include shared/backbonePopulation
WITH e,
  // #include shared/hostsPlatform
  AS compliant
RETURN count(CASE WHEN compliant THEN e END) AS numerator, count(e) AS denominator
