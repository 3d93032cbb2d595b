// The subjects whose contributions to the maintained aggregates (src/aggregates/) may depend on the given nodes:
// run before and after a write, with the nodes it touches, so that every subject whose facts the write can change is
// refreshed in the write's own transaction. Each rule follows what a subject's facts read (cypher/aggregates/*Facts):
// an enterprise reads its regions (and every region they are PART_OF), segments and chains, reports, qualifications,
// hosted platforms, achievements, consortia, its university partners (cooperation, consortium, 科技副总) and the
// candidates it works with (partners/worksWith: universities and institutes it cooperates with, platforms it hosts
// or that partner with it, in either direction); a person its secondments and their enterprises' scopes; a platform
// and a project their hosts or undertakers, regions and chains. Enterprises found are followed one step further, to
// the people, platforms and projects whose scope they give.
// Parameters: $ids: map of label → list<string> (ids of touched nodes by label; a missing label is none)
// Columns: enterprises, persons, platforms, projects: list<string> (ids)
WITH $ids AS ids
OPTIONAL CALL (ids) {
  UNWIND coalesce(ids.Enterprise, []) AS id
  MATCH (e:Enterprise {id: id})
  RETURN e
  UNION
  UNWIND coalesce(ids.AnnualReport, []) AS id
  MATCH (:AnnualReport {id: id})<-[:HAS_REPORT]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.Achievement, []) AS id
  MATCH (:Achievement {id: id})<-[:ACHIEVED]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.Qualification, []) AS id
  MATCH (:Qualification {id: id})<-[:HOLDS]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.Platform, []) AS id
  MATCH (:Platform {id: id})-[:HOSTS|PARTNERS_WITH]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.Consortium, []) AS id
  MATCH (:Consortium {id: id})<-[:LEADS|MEMBER_OF]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.Person, []) AS id
  MATCH (:Person {id: id})-[:SECONDED_TO]->(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.University, []) AS id
  MATCH (u:University {id: id})
  CALL (u) {
    MATCH (u)<-[:COOPERATES_WITH]-(e:Enterprise)
    RETURN e
    UNION
    MATCH (u)<-[:EMPLOYED_BY]-(:Person)-[:SECONDED_TO]->(e:Enterprise)
    RETURN e
    UNION
    MATCH (u)-[:MEMBER_OF]->(:Consortium)<-[:LEADS|MEMBER_OF]-(e:Enterprise)
    RETURN e
  }
  RETURN e
  UNION
  UNWIND coalesce(ids.ResearchInstitute, []) AS id
  MATCH (:ResearchInstitute {id: id})<-[:COOPERATES_WITH]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.Region, []) AS id
  MATCH (:Region {id: id})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.ChainSegment, []) AS id
  MATCH (:ChainSegment {id: id})<-[:OPERATES_IN]-(e:Enterprise)
  RETURN e
  UNION
  UNWIND coalesce(ids.IndustryChain, []) AS id
  MATCH (chain:IndustryChain {id: id})
  CALL (chain) {
    MATCH (chain)<-[:OF_CHAIN]-(:ChainSegment)<-[:OPERATES_IN]-(e:Enterprise)
    RETURN e
    UNION
    MATCH (chain)<-[:LEADS_CHAIN]-(e:Enterprise)
    RETURN e
    UNION
    MATCH (chain)<-[:TARGETS]-(:Consortium)<-[:LEADS|MEMBER_OF]-(e:Enterprise)
    RETURN e
  }
  RETURN e
}
WITH ids, collect(DISTINCT e) AS enterprises
// Organisations whose location scopes platforms and projects: the enterprises, and universities and institutes.
OPTIONAL CALL (ids) {
  UNWIND coalesce(ids.University, []) AS id
  MATCH (o:University {id: id})
  RETURN o
  UNION
  UNWIND coalesce(ids.ResearchInstitute, []) AS id
  MATCH (o:ResearchInstitute {id: id})
  RETURN o
  UNION
  UNWIND coalesce(ids.Region, []) AS id
  MATCH (:Region {id: id})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(o)
  WHERE o:University OR o:ResearchInstitute
  RETURN o
}
WITH ids, enterprises, collect(DISTINCT o) + enterprises AS organisations
OPTIONAL CALL (ids, enterprises) {
  UNWIND coalesce(ids.Person, []) AS id
  MATCH (p:Person {id: id})
  RETURN p
  UNION
  UNWIND enterprises AS e
  MATCH (e)<-[:SECONDED_TO]-(p:Person)
  RETURN p
}
WITH ids, enterprises, organisations, collect(DISTINCT p.id) AS persons
OPTIONAL CALL (ids, enterprises, organisations) {
  UNWIND coalesce(ids.Platform, []) AS id
  MATCH (p:Platform {id: id})
  RETURN p
  UNION
  UNWIND coalesce(ids.Platform, []) AS id
  MATCH (:Platform {id: id})<-[:MERGED_INTO]-(p:Platform)
  RETURN p
  UNION
  UNWIND organisations AS o
  MATCH (o)-[:HOSTS]->(p:Platform)
  RETURN p
  UNION
  UNWIND enterprises AS e
  MATCH (e)<-[:PARTNERS_WITH]-(p:Platform)
  RETURN p
  UNION
  UNWIND coalesce(ids.IndustryChain, []) AS id
  MATCH (:IndustryChain {id: id})<-[:SERVES]-(p:Platform)
  RETURN p
}
WITH ids, enterprises, organisations, persons, collect(DISTINCT p.id) AS platforms
OPTIONAL CALL (ids, organisations) {
  UNWIND coalesce(ids.Project, []) AS id
  MATCH (p:Project {id: id})
  RETURN p
  UNION
  UNWIND organisations AS o
  MATCH (o)-[:UNDERTAKES]->(p:Project)
  RETURN p
  UNION
  UNWIND coalesce(ids.IndustryChain, []) AS id
  MATCH (:IndustryChain {id: id})<-[:ADDRESSES]-(p:Project)
  RETURN p
}
RETURN [e IN enterprises | e.id] AS enterprises, persons, platforms, collect(DISTINCT p.id) AS projects
