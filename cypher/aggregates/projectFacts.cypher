// The facts of projects that the project metrics (cypher/metrics/projects.cypher) count. Regions: of the
// Enterprises, Universities and ResearchInstitutes undertaking it, with every region they are PART_OF. Chains: those
// it ADDRESSES and those of the enterprises undertaking it. An id without a Project answers exists = false.
// Parameters: $ids: list<string> (Project.id)
// Columns: id, exists, year, status, level, funding: integer|null, regions, chains: list<string>
UNWIND $ids AS id
OPTIONAL MATCH (p:Project {id: id})
CALL (p) {
  OPTIONAL MATCH (p)<-[:UNDERTAKES]-(o)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(region:Region)
  WHERE o:Enterprise OR o:University OR o:ResearchInstitute
  RETURN collect(DISTINCT region.code) AS regions
}
CALL (p) {
  OPTIONAL CALL (p) {
    MATCH (p)-[:ADDRESSES]->(chain:IndustryChain)
    RETURN chain
    UNION
    MATCH (p)<-[:UNDERTAKES]-(e:Enterprise)
    // #include shared/chainsOfEnterprise
    RETURN chain
  }
  RETURN collect(DISTINCT chain.id) AS chains
}
RETURN id, p IS NOT NULL AS exists, p.year AS year, p.status AS status, p.level AS level, p.funding AS funding,
  regions, chains
