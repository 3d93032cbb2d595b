// The facts of enterprises that the maintained aggregates count (src/aggregates/contributions.ts turns them into
// counter contributions). Every per-year flag is computed by the same shared definitions the live statements use
// (cypher/shared/), with the year of each of the enterprise's annual reports as the review year, so that a counter
// and the live statement agree by construction. An id without an Enterprise answers empty facts (it was deleted).
// Parameters: $ids: list<string> (Enterprise.id), $withinYears: integer (R2's default)
// Columns: id: string, exists: boolean, regions: list<string> (codes it is located in, with every region they are
//   PART_OF), chains: list<string> (chain ids: shared/chainsOfEnterprise), leadingChain: boolean, backbone: boolean,
//   foundedYear: integer|null, holds: list<{code, from, to}> (HOLDS), firstPlatformYear: integer|null (earliest
//   approvedYear of a hosted platform), years: list<{year, revenue, aboveScale, aboveScaleRevenue, rd, landmark,
//   consortium, techLeader, missing}>, segments: list<string> (ChainSegment ids it OPERATES_IN),
//   universities: list<{chain, count}> (distinct universities partnering it, per chain: shared/universityPartnerChains),
//   industryCode: string|null, counties: list<string> (ids of the regions it is LOCATED_IN directly, as the partner
//   suggestions' county peers read them), worksWith: list<string> (ids of the candidates it works with:
//   partners/worksWith, the partner counts of cypher/partners/partnerSuggestionsMaintained.cypher)
UNWIND $ids AS id
OPTIONAL MATCH (e:Enterprise {id: id})
CALL (e) {
  OPTIONAL MATCH (e)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(region:Region)
  RETURN collect(DISTINCT region.code) AS regions
}
CALL (e) {
  OPTIONAL CALL (e) {
    // #include shared/chainsOfEnterprise
    RETURN chain
  }
  RETURN collect(DISTINCT chain.id) AS chains, coalesce(max(chain.leading), false) AS leadingChain
}
CALL (e) {
  OPTIONAL MATCH (e)-[h:HOLDS]->(q:Qualification)
  WHERE h.grantedYear IS NOT NULL
  RETURN collect({code: q.code, from: h.grantedYear, to: h.validUntilYear}) AS holds
}
CALL (e) {
  OPTIONAL MATCH (e)-[:HOSTS]->(hosted:Platform)
  RETURN min(hosted.approvedYear) AS firstPlatformYear
}
CALL (e) {
  OPTIONAL MATCH (e)-[:OPERATES_IN]->(segment:ChainSegment)
  RETURN collect(DISTINCT segment.id) AS segments
}
CALL (e) {
  OPTIONAL CALL (e) {
    MATCH (e)-[:COOPERATES_WITH]->(u:University)
    // #include shared/chainsOfEnterprise
    RETURN chain, u
    UNION
    MATCH (e)-[:LEADS|MEMBER_OF]->(consortium:Consortium)-[:TARGETS]->(chain:IndustryChain),
      (u:University)-[:MEMBER_OF]->(consortium)
    WHERE
    // #include shared/chainEnterprise
    RETURN chain, u
    UNION
    MATCH (u:University)<-[:EMPLOYED_BY]-(:Person)-[:SECONDED_TO]->(e)
    // #include shared/chainsOfEnterprise
    RETURN chain, u
  }
  WITH chain, count(DISTINCT u) AS count
  WHERE chain IS NOT NULL
  RETURN collect({chain: chain.id, count: count}) AS universities
}
CALL (e) {
  OPTIONAL MATCH (e)-[:LOCATED_IN]->(county:Region)
  RETURN collect(DISTINCT county.id) AS counties
}
CALL (e) {
  OPTIONAL CALL (e) {
    WITH e AS peer
    // #include partners/worksWith
    RETURN cand
  }
  RETURN collect(DISTINCT cand.id) AS worksWith
}
CALL (e) {
  OPTIONAL MATCH (e)-[:HAS_REPORT]->(any:AnnualReport)
  WHERE any.year IS NOT NULL
  WITH DISTINCT any.year AS reviewYear
  WHERE reviewYear IS NOT NULL
  CALL (e, reviewYear) {
    MATCH (e)-[:HAS_REPORT]->(ofYear:AnnualReport)
    WHERE ofYear.year = reviewYear
    RETURN max(ofYear.revenue) AS revenue
  }
  CALL (e, reviewYear) {
    OPTIONAL MATCH (e)-[:HAS_REPORT]->(aboveScaleReport:AnnualReport)
    WHERE aboveScaleReport.year = reviewYear AND aboveScaleReport.aboveScale = true
    RETURN head(collect(aboveScaleReport)) AS report
  }
  WITH e, reviewYear, revenue, report,
    // #include shared/rdInstitution
    AS rd,
    // #include shared/landmarkResult
    AS landmark,
    // #include shared/hasConsortium
    AS consortium,
    // #include shared/techLeader
    AS techLeader
  RETURN collect({
    year: reviewYear, revenue: revenue, aboveScale: report IS NOT NULL, aboveScaleRevenue: report.revenue,
    rd: rd, landmark: landmark, consortium: consortium, techLeader: techLeader,
    missing: CASE WHEN report IS NULL THEN null ELSE
      // #include shared/missingFourHaves
    END
  }) AS years
}
RETURN id, e IS NOT NULL AS exists, regions, chains, leadingChain, coalesce(e.backbone, false) AS backbone,
  e.foundedOn.year AS foundedYear, holds, firstPlatformYear, years, segments, universities,
  e.industryCode AS industryCode, counties, worksWith
