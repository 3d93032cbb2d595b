// Partner suggestions for a page of enterprises: universities, research institutes and platforms that each does not
// work with yet, ranked by the evidence in the graph. One statement for any number of firms (the gap lists' field
// batches a page through it); the partners of firms like them are counted once per industry, division, county and
// chain of the page, not once per firm.
//
// "Works with" (a candidate's partners, and what is never suggested): an enterprise COOPERATES_WITH a university or
// institute, HOSTS a platform or a platform PARTNERS_WITH it; for exclusion also a shared consortium or a 科技副总
// the candidate employs seconded to it. Platforms merged into another (MERGED_INTO) are not suggested.
//
// Bounded for any size of graph: of the partners of a class (of a division and county), the 25 most used count; of
// the platforms serving a chain, the 25 with the most spare capacity (fewest firms served, then id). A page's work
// then grows with its firms, not with the graph (a page of 100 firms at scale 10 exceeded 512 MiB without it).
//
// Evidence, counted per candidate (the firm's chains are shared/chainsFedBy: its segments' and the ones its industry
// feeds):
//   segmentPeers    firms in the same chain segments that work with the candidate
//   sharedProjects  projects the candidate undertook with one of the firm's partners
//   industryPeers   firms of the same industry class (GB/T 4754, e.g. C2651) that work with the candidate
//   divisionPeers   firms of the same division (C26) but another class that work with the candidate
//   countyPeers     firms of the same division in the same county (district) that work with the candidate
//   experts         people the candidate employs whose expertise serves one of the firm's chains
//                   (shared/expertiseServesChain)
//   chainPlatforms  chains of the firm the candidate platform SERVES
// and its load: served, the firms it works with already.
//
// Score = (Σ weight × ln(1 + count)) × capacity, capacity = 1 / (1 + load × ln(1 + served)): a count's first units
// weigh most (ten peers are not ten times one peer), and of two equally fitting candidates the one with spare
// capacity comes first. Weights are parameters ($weights, a map; any key left out or null takes its default:
// partners/suggestionWeights).
//
// With the maintained aggregates ready, partnerSuggestionsMaintained.cypher gives the same answer from counters.
// Parameters: $enterpriseIds (list of String; unknown ids give no row), $limit (Int, per firm), $weights (map|null)
// Columns: enterpriseId, industryCode, weights (the map used), suggestions (list of maps: id, type, name, score, evidence,
//   capacity, served, the counts above, expertise (matched terms), chains (names of the chains behind experts and
//   chainPlatforms))
// #include partners/suggestionWeights
// #include partners/suggestionFirms

// Partners of firms of each industry class of the page's divisions (a peer counts once per candidate): a firm's
// industry peers are its class's entries, its division peers the other classes' of its division.
CALL (firms) {
  UNWIND firms AS f
  WITH DISTINCT f.division AS division
  WHERE division IS NOT NULL AND size(division) >= 2
  MATCH (peer:Enterprise)
  WHERE peer.industryCode STARTS WITH division
  // #include partners/worksWith
  WITH peer.industryCode AS industry, cand, count(DISTINCT peer) AS n
  ORDER BY industry, n DESC, cand.id
  WITH industry, collect({cand: cand, n: n})[0..25] AS top
  UNWIND top AS t
  RETURN collect({industry: industry, cand: t.cand, n: t.n}) AS byIndustry
}
CALL (firms) {
  UNWIND firms AS f
  UNWIND f.counties AS county
  WITH DISTINCT f.division AS division, county
  WHERE division IS NOT NULL AND size(division) >= 2
  MATCH (county)<-[:LOCATED_IN]-(peer:Enterprise)
  WHERE peer.industryCode STARTS WITH division
  // #include partners/worksWith
  WITH division, county, cand, count(DISTINCT peer) AS n
  ORDER BY division, county, n DESC, cand.id
  WITH division, county, collect({cand: cand, n: n})[0..25] AS top
  UNWIND top AS t
  RETURN collect({division: division, county: county, cand: t.cand, n: t.n}) AS byCounty
}
// Experts and platforms of each chain on the page: of the platforms serving a chain, the 25 with the most spare
// capacity (fewest firms served, then id; never one merged into another).
// #include partners/chainExperts
CALL (firms) {
  UNWIND firms AS f
  UNWIND f.chains AS chain
  WITH DISTINCT chain
  MATCH (cand:Platform)-[:SERVES]->(chain)
  WHERE NOT EXISTS { (cand)-[:MERGED_INTO]->() }
  // #include partners/served
  WITH chain, cand, served
  ORDER BY chain.id, served, cand.id
  WITH chain, collect(cand)[0..25] AS top
  UNWIND top AS cand
  RETURN collect({chain: chain, cand: cand}) AS platformsOf
}

UNWIND firms AS f
WITH w, f.e AS e, f, byIndustry, byCounty, expertsOf, platformsOf
CALL (e, f, byIndustry, byCounty, expertsOf, platformsOf) {
  CALL (e) {
    MATCH (e)-[:OPERATES_IN]->(:ChainSegment)<-[:OPERATES_IN]-(peer:Enterprise)
    WHERE peer <> e
    WITH DISTINCT peer
    // #include partners/worksWith
    RETURN cand, 'segmentPeers' AS kind, count(DISTINCT peer) AS n
    UNION ALL
    MATCH (e)-[:COOPERATES_WITH]->(partner)-[:UNDERTAKES]->(p:Project)<-[:UNDERTAKES]-(cand)
    WHERE (cand:University OR cand:ResearchInstitute) AND cand <> partner
    RETURN cand, 'sharedProjects' AS kind, count(DISTINCT p) AS n
  }
  RETURN cand, kind, n, [] AS people, [] AS terms, [] AS chains
  UNION ALL
  UNWIND [x IN byIndustry WHERE x.industry STARTS WITH f.division] AS x
  RETURN x.cand AS cand, CASE x.industry WHEN e.industryCode THEN 'industryPeers' ELSE 'divisionPeers' END AS kind,
         x.n AS n, [] AS people, [] AS terms, [] AS chains
  UNION ALL
  UNWIND [x IN byCounty WHERE x.division = f.division AND x.county IN f.counties] AS x
  RETURN x.cand AS cand, 'countyPeers' AS kind, x.n AS n, [] AS people, [] AS terms, [] AS chains
  UNION ALL
  UNWIND [x IN expertsOf WHERE x.chain IN f.chains] AS x
  RETURN x.cand AS cand, 'experts' AS kind, 0 AS n, [x.person] AS people, x.terms AS terms, [x.chain.name] AS chains
  UNION ALL
  UNWIND [x IN platformsOf WHERE x.chain IN f.chains] AS x
  RETURN x.cand AS cand, 'chainPlatforms' AS kind, 1 AS n, [] AS people, [] AS terms, [x.chain.name] AS chains
}
// #include partners/suggestionCandidates
// #include partners/served
// #include partners/suggestionScores
