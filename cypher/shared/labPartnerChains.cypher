// Lab partner of a chain: a Platform of a laboratory kind (LAB_KINDS of src/domain/metrics.ts, written in below)
// that SERVES the chain, or PARTNERS_WITH or is HOSTED by one of the chain's enterprises (shared/chainsOfEnterprise).
// Other kinds (ENGINEERING_RESEARCH_CENTER, INCUBATOR, ...) never count. Enumerated from the labs' side, once for
// all chains: every lab is read once, where testing each chain against every lab read them once per chain.
// Clauses that start a statement. Binds: partneredChains (list<IndustryChain>: the chains with a lab partner).
CALL () {
  MATCH (lab:Platform)
  WHERE lab.kind IN {{LAB_KINDS}}
  CALL (lab) {
    MATCH (lab)-[:SERVES]->(chain:IndustryChain)
    RETURN chain
    UNION ALL
    MATCH (lab)-[:PARTNERS_WITH]->(e:Enterprise)
    // #include shared/chainsOfEnterprise
    RETURN chain
    UNION ALL
    MATCH (lab)<-[:HOSTS]-(e:Enterprise)
    // #include shared/chainsOfEnterprise
    RETURN chain
  }
  RETURN collect(DISTINCT chain) AS partneredChains
}
