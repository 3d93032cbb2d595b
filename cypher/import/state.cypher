// What an import compares its rows with, for the enterprises its rows are about: their properties, their
// relationships of the importer's types, their counties (for the one-county rule) and their annual reports by year.
// Parameters: $ids: list<string> (enterprise ids), $types: list<string> (the relationship types the importer writes)
// Columns: id, props (map), out: list of [type, end node id, relationship properties], regions: list of region ids,
//   reports: list of [report id, year, report properties]
UNWIND $ids AS id
MATCH (e:Enterprise {id: id})
RETURN
  e.id AS id,
  properties(e) AS props,
  [(e)-[r]->(o) WHERE type(r) IN $types | [type(r), o.id, properties(r)]] AS out,
  [(e)-[:LOCATED_IN]->(r:Region) | r.id] AS regions,
  [(e)-[:HAS_REPORT]->(a:AnnualReport) | [a.id, a.year, properties(a)]] AS reports
