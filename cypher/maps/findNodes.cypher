// The nodes with the given domain ids, whatever their label, so that a map can start from any id. Ids are unique
// across the graph and every label has a unique constraint on id: the label disjunction below is planned as one
// unique-index seek per label. It lists every @node type of schema/ (test/unit/maps.test.ts checks that it does).
// Parameters: $ids: list<string> (domain ids)
// Columns: id: string, elementId: string — one row per id that exists
UNWIND $ids AS id
MATCH (n:Region|IndustryCluster|IndustryChain|ChainSegment|Enterprise|AnnualReport|Qualification|University|ResearchInstitute|Platform|Person|Project|Fund|Consortium|Achievement|Challenge|Policy|Contest|Target)
WHERE n.id = id
RETURN DISTINCT id, elementId(n) AS elementId
