// The chain filter: with $chainId, e is one of that chain's enterprises; without, any enterprise passes.
// An expression. Expects: e (Enterprise), and no variable named chain in scope. Parameters: $chainId: string|null
($chainId IS NULL OR EXISTS {
  MATCH (chain:IndustryChain {id: $chainId})
  WHERE
  // #include shared/chainEnterprise
})
