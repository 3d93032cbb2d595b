// Every subject of the maintained aggregates, by kind: what a rebuild refreshes.
// Parameters: none
// Columns: kind: string, id: string
MATCH (e:Enterprise) RETURN 'Enterprise' AS kind, e.id AS id
UNION ALL
MATCH (p:Person)-[:SECONDED_TO]->() RETURN DISTINCT 'Person' AS kind, p.id AS id
UNION ALL
MATCH (p:Platform) RETURN 'Platform' AS kind, p.id AS id
UNION ALL
MATCH (p:Project) RETURN 'Project' AS kind, p.id AS id
