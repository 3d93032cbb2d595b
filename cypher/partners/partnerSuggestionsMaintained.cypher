// Partner suggestions for a page of enterprises from the maintained partner counters: the same answer as
// partnerSuggestions.cypher (its header says what is counted and how it is scored) for the same graph, while the
// maintained aggregates are ready (src/queries/partners.ts asks src/aggregates/read.ts first). What the live statement
// counts by walking every peer of the page's divisions and segments is read here from the PARTNER_PEERS counters
// (src/aggregates/contributions.ts: one per group and candidate, the enterprises of the group that work with it), by
// index seeks on Aggregate.id prefixes (a counter's nodes have ids `<key>@0` and `<key>@0#<stripe>`, summed), so that
// a page reads the counters of its groups, not their firms:
//   PARTNER_PEERS|industry|<industryCode>|<candId>          firms of the class
//   PARTNER_PEERS|county|<regionId>|<division>|<candId>     firms of the division located in the region
//   PARTNER_PEERS|segment|<segmentIds, sorted>|<candId>     firms in every one of these segments (at most
//                                                           $segmentSubsets of them)
//   PARTNER_PEERS|served|<candId>                           firms that work with the candidate: its load
//                                                           (partners/servedMaintained)
// The 25 most used candidates of a class (of a division and county) are taken by the same rule as the live
// statement's (n DESC, then candidate id). A firm's segment peers are counted by inclusion–exclusion over the subsets
// of its segments (a firm in two of them counts once), less the firm itself; a firm in more than $segmentSubsets
// segments counts them live. The rest (shared projects, experts, platforms of its chains, exclusions, load) is read
// as the live statement reads it: it is bounded by the firm's own neighbourhood and its chains' candidates.
// Parameters: $enterpriseIds (list of String; unknown ids give no row), $limit (Int, per firm), $weights (map|null),
//   $segmentSubsets (Int: PARTNER_SEGMENT_SUBSETS of src/aggregates/contributions.ts)
// Columns: as partnerSuggestions.cypher's
// #include partners/suggestionWeights
// #include partners/suggestionFirms

// The 25 most used candidates of each industry class of the page's divisions (a division's classes are the ids
// with its prefix); one Aggregate per class and candidate, whatever two divisions of the page share.
CALL (firms) {
  UNWIND firms AS f
  WITH DISTINCT f.division AS division
  WHERE division IS NOT NULL AND size(division) >= 2
  MATCH (a:Aggregate)
  WHERE a.id STARTS WITH 'PARTNER_PEERS|industry|' + division
  WITH DISTINCT a
  WITH a.key AS key, sum(a.value) AS n
  WHERE n > 0
  WITH split(key, '|')[2] AS industry, split(key, '|')[3] AS candId, n
  ORDER BY industry, n DESC, candId
  WITH industry, collect({candId: candId, n: n})[0..25] AS top
  UNWIND top AS t
  WITH industry, t.candId AS candId, t.n AS n
  // #include partners/candidateById
  RETURN collect({industry: industry, cand: cand, n: n}) AS byIndustry
}
// Of each county and division of the page: a firm counts under its own division only, so the division's candidates
// are the sums over its classes' counters (one per division when the page's division is a section letter and digit).
CALL (firms) {
  UNWIND firms AS f
  UNWIND f.counties AS county
  WITH DISTINCT f.division AS division, county
  WHERE division IS NOT NULL AND size(division) >= 2
  MATCH (a:Aggregate)
  WHERE a.id STARTS WITH 'PARTNER_PEERS|county|' + county.id + '|' + division
  WITH division, county, split(a.key, '|')[4] AS candId, sum(a.value) AS n
  WHERE n > 0
  ORDER BY division, county, n DESC, candId
  WITH division, county, collect({candId: candId, n: n})[0..25] AS top
  UNWIND top AS t
  WITH division, county, t.candId AS candId, t.n AS n
  // #include partners/candidateById
  RETURN collect({division: division, county: county, cand: cand, n: n}) AS byCounty
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
  // #include partners/servedMaintained
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
    MATCH (e)-[:OPERATES_IN]->(segment:ChainSegment)
    WITH e, segment.id AS segmentId
    ORDER BY segmentId
    WITH e, collect(DISTINCT segmentId) AS segments
    WHERE size(segments) <= $segmentSubsets
    CALL (e) {
      WITH e AS peer
      // #include partners/worksWith
      RETURN collect(DISTINCT cand.id) AS own
    }
    // Every nonempty subset of the segments, + for an odd size, − for an even one.
    UNWIND range(1, toInteger(2 ^ size(segments)) - 1) AS bits
    WITH own, [i IN range(0, size(segments) - 1) WHERE (bits / toInteger(2 ^ i)) % 2 = 1 | segments[i]] AS subset
    WITH own, CASE size(subset) % 2 WHEN 1 THEN 1 ELSE -1 END AS sign,
         'PARTNER_PEERS|segment|' + reduce(s = head(subset), x IN tail(subset) | s + ',' + x) + '|' AS prefix
    MATCH (a:Aggregate)
    WHERE a.id STARTS WITH prefix
    WITH own, split(a.key, '|')[3] AS candId, sum(sign * a.value) AS n
    WITH candId, n - CASE WHEN candId IN own THEN 1 ELSE 0 END AS n
    WHERE n > 0
    // #include partners/candidateById
    RETURN cand, 'segmentPeers' AS kind, n
    UNION ALL
    MATCH (e)-[:OPERATES_IN]->(segment:ChainSegment)
    WITH e, count(DISTINCT segment) AS segments
    WHERE segments > $segmentSubsets
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
// #include partners/servedMaintained
// #include partners/suggestionScores
