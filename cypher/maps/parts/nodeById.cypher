// The node with a given domain id, whatever its label, so that a map can start from any id. Ids are unique across
// the graph and every label has a unique constraint on id: the label disjunction below is planned as one
// unique-index seek per label. It lists every @node type of schema/ (test/unit/maps.test.ts checks that it does).
// Clauses inside a statement. Expects: id (string). Binds: n (no row when no node has the id).
MATCH (n:Region|IndustryCluster|IndustryChain|ChainSegment|Enterprise|AnnualReport|Qualification|University|ResearchInstitute|Platform|Person|Project|Fund|Consortium|Achievement|Challenge|Policy|Contest|Target)
WHERE n.id = id
