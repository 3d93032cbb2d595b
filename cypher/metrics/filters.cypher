// Whether the region and chain a metric is filtered on exist, so that an unknown filter is reported as such
// instead of answering 0. A null filter counts as known.
// Parameters: $regionCode: string|null (Region.code), $chainId: string|null (IndustryChain.id)
// Columns: regionKnown: boolean, chainKnown: boolean
RETURN
  $regionCode IS NULL OR EXISTS { (:Region {code: $regionCode}) } AS regionKnown,
  $chainId IS NULL OR EXISTS { (:IndustryChain {id: $chainId}) } AS chainKnown
