// The population of rule R5: backbone enterprises (backbone = true) in scope; with $leadingChainsOnly, only those
// that are enterprises of a leading chain (IndustryChain.leading = true). reviewYear is $year, possibly null.
// Clauses that start a statement. Binds: e (Enterprise), reviewYear (integer or null).
// Parameters: $leadingChainsOnly: boolean, $year: integer|null, $regionCode: string|null, $chainId: string|null
MATCH (e:Enterprise {backbone: true})
WHERE ($leadingChainsOnly = false OR EXISTS {
    MATCH (chain:IndustryChain {leading: true})
    WHERE
    // #include shared/chainEnterprise
  })
  AND
  // #include shared/inRegionScope
  AND
  // #include shared/inChainScope
WITH e, toInteger($year) AS reviewYear
