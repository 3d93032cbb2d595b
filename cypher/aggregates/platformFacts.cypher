// The facts of platforms that the platform metrics (cypher/metrics/platforms.cypher) and the lab-partner gap
// (shared/labPartnerChains) count. Regions: of the Enterprises, Universities and ResearchInstitutes hosting it, with
// every region they are PART_OF. Chains: those it SERVES and those of its host enterprises (the metric's chain
// scope); labChains: the chains it is a lab partner of (SERVES, and the chains of the enterprises it PARTNERS_WITH
// or is hosted by). An id without a Platform answers exists = false.
// Parameters: $ids: list<string> (Platform.id)
// Columns: id, exists, kind, level, approvedYear, merged: boolean, regions, chains, labChains: list<string>
UNWIND $ids AS id
OPTIONAL MATCH (p:Platform {id: id})
CALL (p) {
  OPTIONAL MATCH (p)<-[:HOSTS]-(o)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(region:Region)
  WHERE o:Enterprise OR o:University OR o:ResearchInstitute
  RETURN collect(DISTINCT region.code) AS regions
}
CALL (p) {
  OPTIONAL CALL (p) {
    MATCH (p)-[:SERVES]->(chain:IndustryChain)
    RETURN chain, true AS scope
    UNION
    MATCH (p)<-[:HOSTS]-(e:Enterprise)
    // #include shared/chainsOfEnterprise
    RETURN chain, true AS scope
    UNION
    MATCH (p)-[:PARTNERS_WITH]->(e:Enterprise)
    // #include shared/chainsOfEnterprise
    RETURN chain, false AS scope
  }
  RETURN
    collect(DISTINCT CASE WHEN scope THEN chain.id END) AS chains,
    collect(DISTINCT chain.id) AS labChains
}
RETURN id, p IS NOT NULL AS exists, p.kind AS kind, p.level AS level, p.approvedYear AS approvedYear,
  EXISTS { (p)-[:MERGED_INTO]->(other:Platform) WHERE other <> p } AS merged, regions, chains, labChains
