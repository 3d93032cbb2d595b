// University partner of a chain: a University that one of the chain's enterprises COOPERATES_WITH, or that is
// MEMBER_OF a Consortium TARGETING the chain which one of the chain's enterprises LEADS or is MEMBER_OF, or that
// EMPLOYS a Person SECONDED_TO one of the chain's enterprises (科技副总). Enumerated from the universities' side, once
// for all chains (shared/chainsOfEnterprise gives an enterprise's chains).
// Clauses that start a statement. Binds: partneredChains (list<IndustryChain>: the chains with a university partner).
CALL () {
  MATCH (u:University)
  CALL (u) {
    MATCH (e:Enterprise)-[:COOPERATES_WITH]->(u)
    // #include shared/chainsOfEnterprise
    RETURN chain
    UNION ALL
    MATCH (u)-[:MEMBER_OF]->(consortium:Consortium)-[:TARGETS]->(chain:IndustryChain),
      (e:Enterprise)-[:LEADS|MEMBER_OF]->(consortium)
    WHERE
    // #include shared/chainEnterprise
    RETURN chain
    UNION ALL
    MATCH (u)<-[:EMPLOYED_BY]-(:Person)-[:SECONDED_TO]->(e:Enterprise)
    // #include shared/chainsOfEnterprise
    RETURN chain
  }
  RETURN collect(DISTINCT chain) AS partneredChains
}
