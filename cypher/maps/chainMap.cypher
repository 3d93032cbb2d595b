// The nodes of a chain map and what was cut. In order: the chain's clusters (IN_CLUSTER), the chain, its segments
// (OF_CHAIN; upstream to support, then id), its leaders (LEADS_CHAIN; earliest sinceYear first), the other
// enterprises operating in its segments (OPERATES_IN; each segment's firms ranked backbone first, then revenue,
// then id, and the segments taken in turns, so a big segment cannot crowd out a small one; a firm in two segments
// takes its better place), then, each kind ranked by how many links it has into the map (then id): platforms
// (HOSTS by, PARTNERS_WITH, an enterprise of the map, or SERVES the chain), universities and research institutes
// (COOPERATES_WITH an enterprise of the map) and consortia (LEADS or MEMBER_OF by an enterprise of the map, or
// TARGETS the chain). Enterprises, leaders included, are cut at $enterpriseCap, segments and each partner kind at
// $partnerCap; `omitted` counts, per relationship type, the distinct nodes cut that it reaches.
// Enterprises are ranked by revenue only with $byRevenue: for a role that may not see revenue, the order would tell
// how the firms of a segment compare, so they are then ranked backbone first, then id.
// Parameters: $chainId: string, $enterpriseCap: integer ≥ 1, $partnerCap: integer ≥ 1, $byRevenue: boolean
// Columns: nodes: list<string> (elementIds, in the order above), omitted: list<map {relationshipType: string,
//   count: integer}> (one entry per type above, count 0 included) — one row, or none for an unknown chain
MATCH (chain:IndustryChain {id: $chainId})
CALL (chain) {
  OPTIONAL MATCH (chain)-[:IN_CLUSTER]->(cluster:IndustryCluster)
  WITH cluster
  ORDER BY cluster.id
  RETURN collect(cluster) AS clusters
}
CALL (chain) {
  OPTIONAL MATCH (segment:ChainSegment)-[:OF_CHAIN]->(chain)
  WITH segment
  ORDER BY
    CASE segment.position WHEN 'UPSTREAM' THEN 0 WHEN 'MIDSTREAM' THEN 1 WHEN 'DOWNSTREAM' THEN 2 ELSE 3 END,
    segment.id
  RETURN collect(segment) AS allSegments
}
CALL (chain) {
  OPTIONAL MATCH (leader:Enterprise)-[led:LEADS_CHAIN]->(chain)
  WITH leader, min(led.sinceYear) AS since
  ORDER BY since, leader.id
  RETURN collect(leader) AS allLeaders
}
WITH chain, clusters, allSegments[..$partnerCap] AS segments, allSegments[$partnerCap..] AS cutSegments,
  allLeaders[..$enterpriseCap] AS leaders, allLeaders[$enterpriseCap..] AS cutLeaders
CALL (segments, leaders) {
  UNWIND segments AS segment
  MATCH (firm:Enterprise)-[:OPERATES_IN]->(segment)
  WHERE NOT firm IN leaders
  WITH DISTINCT segment, firm
  ORDER BY coalesce(firm.backbone, false) DESC, CASE WHEN $byRevenue THEN coalesce(firm.revenue, -1) ELSE 0 END DESC, firm.id
  WITH segment, collect(firm) AS ranked
  UNWIND range(0, size(ranked) - 1) AS position
  WITH ranked[position] AS firm, min(position) AS turn
  ORDER BY turn, coalesce(firm.backbone, false) DESC, CASE WHEN $byRevenue THEN coalesce(firm.revenue, -1) ELSE 0 END DESC, firm.id
  RETURN collect(firm) AS operators
}
WITH chain, clusters, segments, cutSegments, leaders, cutLeaders, operators,
  CASE WHEN $enterpriseCap > size(leaders) THEN $enterpriseCap - size(leaders) ELSE 0 END AS room
WITH chain, clusters, segments, cutSegments, leaders, cutLeaders, operators[..room] AS others,
  operators[room..] AS cutOthers
WITH chain, clusters, segments, cutSegments, leaders, cutLeaders, others, cutOthers, leaders + others AS firms
CALL (chain, firms) {
  UNWIND firms + [chain] AS anchor
  MATCH (anchor)-[link:HOSTS|PARTNERS_WITH|SERVES]-(platform:Platform)
  WITH platform, collect(DISTINCT type(link)) AS types, count(link) AS links
  ORDER BY links DESC, platform.id
  WITH collect({node: platform, types: types}) AS ranked
  RETURN [c IN ranked[..$partnerCap] | c.node] AS platforms, [c IN ranked[$partnerCap..] | c.types] AS cutPlatforms
}
CALL (firms) {
  UNWIND firms AS anchor
  MATCH (anchor)-[link:COOPERATES_WITH]->(academic)
  WHERE academic:University OR academic:ResearchInstitute
  WITH academic, count(link) AS links
  ORDER BY links DESC, academic.id
  WITH collect(academic) AS ranked
  RETURN ranked[..$partnerCap] AS academics, size(ranked[$partnerCap..]) AS cutAcademics
}
CALL (chain, firms) {
  UNWIND firms + [chain] AS anchor
  MATCH (anchor)-[link:LEADS|MEMBER_OF|TARGETS]-(consortium:Consortium)
  WITH consortium, collect(DISTINCT type(link)) AS types, count(link) AS links
  ORDER BY links DESC, consortium.id
  WITH collect({node: consortium, types: types}) AS ranked
  RETURN [c IN ranked[..$partnerCap] | c.node] AS consortia, [c IN ranked[$partnerCap..] | c.types] AS cutConsortia
}
WITH clusters + [chain] + segments + leaders + others + platforms + academics + consortia AS nodes,
  cutPlatforms + cutConsortia AS cutPartners,
  {OF_CHAIN: size(cutSegments), LEADS_CHAIN: size(cutLeaders), OPERATES_IN: size(cutOthers),
   COOPERATES_WITH: cutAcademics} AS direct
RETURN
  [n IN nodes | elementId(n)] AS nodes,
  [type IN ['OF_CHAIN', 'LEADS_CHAIN', 'OPERATES_IN', 'HOSTS', 'PARTNERS_WITH', 'SERVES', 'COOPERATES_WITH', 'LEADS',
            'MEMBER_OF', 'TARGETS'] |
    {relationshipType: type, count: coalesce(direct[type], 0) + size([cut IN cutPartners WHERE type IN cut])}]
    AS omitted
