// The ranking of the partner suggestions (partnerSuggestions and partnerSuggestionsMaintained): each candidate
// scored (the header of partnerSuggestions.cypher), the best $limit per firm.
// Clauses ending a statement. Expects: w, e, cand, counts, expertise, chainNames (partners/suggestionCandidates),
// served. Columns: enterpriseId, industryCode, weights, suggestions.
WITH w, e, cand, expertise, chainNames, served,
     {
       segmentPeers: reduce(s = 0, c IN counts | s + CASE c.kind WHEN 'segmentPeers' THEN c.n ELSE 0 END),
       sharedProjects: reduce(s = 0, c IN counts | s + CASE c.kind WHEN 'sharedProjects' THEN c.n ELSE 0 END),
       industryPeers: reduce(s = 0, c IN counts | s + CASE c.kind WHEN 'industryPeers' THEN c.n ELSE 0 END),
       divisionPeers: reduce(s = 0, c IN counts | s + CASE c.kind WHEN 'divisionPeers' THEN c.n ELSE 0 END),
       countyPeers: reduce(s = 0, c IN counts | s + CASE c.kind WHEN 'countyPeers' THEN c.n ELSE 0 END),
       experts: reduce(s = 0, c IN counts | s + CASE c.kind WHEN 'experts' THEN c.n ELSE 0 END),
       chainPlatforms: reduce(s = 0, c IN counts | s + CASE c.kind WHEN 'chainPlatforms' THEN c.n ELSE 0 END)
     } AS count
WITH w, e, cand, expertise, chainNames, count, served,
     w.segmentPeers * log(1 + count.segmentPeers) + w.sharedProjects * log(1 + count.sharedProjects) +
     w.industryPeers * log(1 + count.industryPeers) + w.divisionPeers * log(1 + count.divisionPeers) +
     w.countyPeers * log(1 + count.countyPeers) + w.experts * log(1 + count.experts) +
     w.chainPlatforms * log(1 + count.chainPlatforms) AS evidence,
     1.0 / (1.0 + w.load * log(1 + served)) AS capacity
WHERE evidence > 0
WITH w, e, cand, expertise, chainNames, count, served, evidence, capacity, evidence * capacity AS score
ORDER BY e.id, score DESC, cand.id
WITH w, e, collect({
  id: cand.id, type: head([l IN labels(cand) WHERE l IN ['University', 'ResearchInstitute', 'Platform']]),
  name: cand.name, score: score, evidence: evidence, capacity: capacity, served: served,
  segmentPeers: count.segmentPeers, sharedProjects: count.sharedProjects, industryPeers: count.industryPeers,
  divisionPeers: count.divisionPeers, countyPeers: count.countyPeers, experts: count.experts,
  chainPlatforms: count.chainPlatforms, expertise: expertise, chains: chainNames
})[0..$limit] AS suggestions
RETURN e.id AS enterpriseId, e.industryCode AS industryCode, w AS weights, suggestions
