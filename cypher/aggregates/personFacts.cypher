// The facts of people that TECH_DEPUTIES counts (cypher/metrics/techDeputies.cypher): each secondment to an
// enterprise, with that enterprise's regions (and every region they are PART_OF) and chains. An id without a Person
// answers no secondment.
// Parameters: $ids: list<string> (Person.id)
// Columns: id: string, secondments: list<{from, to, regions: list<string>, chains: list<string>}>
UNWIND $ids AS id
OPTIONAL MATCH (person:Person {id: id})
CALL (person) {
  OPTIONAL MATCH (person)-[s:SECONDED_TO]->(e:Enterprise)
  WHERE s.fromYear IS NOT NULL AND s.toYear IS NOT NULL
  CALL (e) {
    OPTIONAL MATCH (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(region:Region)
    RETURN collect(DISTINCT region.code) AS regions
  }
  CALL (e) {
    OPTIONAL CALL (e) {
      // #include shared/chainsOfEnterprise
      RETURN chain
    }
    RETURN collect(DISTINCT chain.id) AS chains
  }
  WITH s, regions, chains
  WHERE s IS NOT NULL
  RETURN collect({from: s.fromYear, to: s.toYear, regions: regions, chains: chains}) AS secondments
}
RETURN id, secondments
