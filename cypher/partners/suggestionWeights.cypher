// The weights of the partner suggestions (partnerSuggestions and partnerSuggestionsMaintained): $weights, a map;
// any key left out or null takes its default.
// Clauses inside a statement (its first). Binds: w (map).
WITH {
  segmentPeers: toFloat(coalesce($weights.segmentPeers, 3.0)),
  sharedProjects: toFloat(coalesce($weights.sharedProjects, 2.0)),
  industryPeers: toFloat(coalesce($weights.industryPeers, 2.0)),
  divisionPeers: toFloat(coalesce($weights.divisionPeers, 0.5)),
  countyPeers: toFloat(coalesce($weights.countyPeers, 1.0)),
  experts: toFloat(coalesce($weights.experts, 1.5)),
  chainPlatforms: toFloat(coalesce($weights.chainPlatforms, 1.0)),
  load: toFloat(coalesce($weights.load, 0.1))
} AS w
