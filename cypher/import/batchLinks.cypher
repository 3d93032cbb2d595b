// What an import batch did, node by node, with what undoing it must check: the IMPORTED_IN link of each node (values
// before and after, relationships), later batches not undone over the same node, and for a node the batch created,
// the relationships it has that the batch did not make.
// Parameters: $batchId: string
// Columns: label (Enterprise, AnnualReport, Platform, Project, Person, or a University or ResearchInstitute whose
//   relationships the batch wrote), id, props (the node's properties now), created, before, after, rels
//   (the link's JSON), laterBatches: list<string>, otherRels: integer
MATCH (b:ImportBatch {id: $batchId})<-[l:IMPORTED_IN]-(n)
RETURN
  [x IN labels(n) WHERE x IN ['Enterprise', 'AnnualReport', 'Platform', 'Project', 'Person', 'University', 'ResearchInstitute']][0] AS label,
  n.id AS id,
  properties(n) AS props,
  l.created AS created,
  l.before AS before,
  l.after AS after,
  l.rels AS rels,
  [(n)-[:IMPORTED_IN]->(later:ImportBatch) WHERE later.at > b.at AND later.undoneAt IS NULL | later.id] AS laterBatches,
  COUNT { (n)-[r]-() WHERE type(r) <> 'IMPORTED_IN' AND coalesce(r.importBatch, '') <> $batchId } AS otherRels
