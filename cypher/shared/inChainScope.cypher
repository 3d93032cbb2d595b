// The chain filter: with $chainId, e is one of that chain's enterprises; without, any enterprise passes.
// e's chains are enumerated from e's side (shared/chainsOfEnterprise: one or two short expansions) and compared by
// id. Testing the other way — seek the chain, then ask whether e belongs to it — repeated the index seek for every
// enterprise of a population: 2.3× to 3× slower on the chain-scoped metrics of the demo city.
// An expression. Expects: e (Enterprise), and no variable named chain in scope. Parameters: $chainId: string|null
($chainId IS NULL OR EXISTS {
  // #include shared/chainsOfEnterprise
  WITH chain
  WHERE chain.id = $chainId
})
