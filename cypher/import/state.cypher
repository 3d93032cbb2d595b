// What an import compares its rows with, for the enterprises its rows matched: their properties, their region links,
// their annual reports (with the HAS_REPORT link) and their qualifications (HOLDS), each with its properties.
// Parameters: $ids: list<string> (enterprise ids)
// Columns: id, props (map), regions: list of [region id, link properties], reports: list of [report id, year,
//   report properties, link properties], holds: list of [qualification id, link properties], cooperations: list of
//   [partner id, link properties]
UNWIND $ids AS id
MATCH (e:Enterprise {id: id})
RETURN
  e.id AS id,
  properties(e) AS props,
  [(e)-[l:LOCATED_IN]->(r:Region) | [r.id, properties(l)]] AS regions,
  [(e)-[h:HAS_REPORT]->(a:AnnualReport) | [a.id, a.year, properties(a), properties(h)]] AS reports,
  [(e)-[h:HOLDS]->(q:Qualification) | [q.id, properties(h)]] AS holds,
  [(e)-[c:COOPERATES_WITH]->(o) | [o.id, properties(c)]] AS cooperations
