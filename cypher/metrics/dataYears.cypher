// The years the data covers, for `metric`: a year outside them is an error naming them, never a value of 0. From the
// earliest to the latest year of a dated fact: an annual report, a project, a fund, a platform's approval, an
// achievement, a qualification granted (to the last year one is valid), a secondment (from its first to its last
// year), a policy benefit. Targets are plans, not data, and do not count. Each end is read from a year index
// (0002, 0005 migrations): ORDER BY … LIMIT 1 on an indexed property reads one entry, whatever the size of the graph.
// Parameters: none
// Columns: first: integer|null, last: integer|null (null in a graph without dated facts)
CALL () {
  MATCH (n:AnnualReport) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y LIMIT 1
  UNION ALL MATCH (n:AnnualReport) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y DESC LIMIT 1
  UNION ALL MATCH (n:Project) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y LIMIT 1
  UNION ALL MATCH (n:Project) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y DESC LIMIT 1
  UNION ALL MATCH (n:Fund) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y LIMIT 1
  UNION ALL MATCH (n:Fund) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y DESC LIMIT 1
  UNION ALL MATCH (n:Platform) WHERE n.approvedYear IS NOT NULL RETURN n.approvedYear AS y ORDER BY y LIMIT 1
  UNION ALL MATCH (n:Platform) WHERE n.approvedYear IS NOT NULL RETURN n.approvedYear AS y ORDER BY y DESC LIMIT 1
  UNION ALL MATCH (n:Achievement) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y LIMIT 1
  UNION ALL MATCH (n:Achievement) WHERE n.year IS NOT NULL RETURN n.year AS y ORDER BY y DESC LIMIT 1
  UNION ALL MATCH ()-[r:HOLDS]->() WHERE r.grantedYear IS NOT NULL RETURN r.grantedYear AS y ORDER BY y LIMIT 1
  UNION ALL MATCH ()-[r:HOLDS]->() WHERE r.validUntilYear IS NOT NULL RETURN r.validUntilYear AS y ORDER BY y DESC LIMIT 1
  UNION ALL MATCH ()-[r:SECONDED_TO]->() WHERE r.fromYear IS NOT NULL RETURN r.fromYear AS y ORDER BY y LIMIT 1
  UNION ALL MATCH ()-[r:SECONDED_TO]->() WHERE r.toYear IS NOT NULL RETURN r.toYear AS y ORDER BY y DESC LIMIT 1
  UNION ALL MATCH ()-[r:RECEIVED]->() WHERE r.year IS NOT NULL RETURN r.year AS y ORDER BY y LIMIT 1
  UNION ALL MATCH ()-[r:RECEIVED]->() WHERE r.year IS NOT NULL RETURN r.year AS y ORDER BY y DESC LIMIT 1
}
RETURN min(y) AS first, max(y) AS last
