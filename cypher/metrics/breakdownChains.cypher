// The rows of a breakdown by chain (Query.metricBreakdown, Query.chainCountyMatrix): every industry chain, by id (a
// stable order), with the cluster it belongs to (the first by id when several).
// Parameters: none
// Columns: id: string, name: string, clusterId: string|null, clusterName: string|null
MATCH (chain:IndustryChain)
OPTIONAL MATCH (chain)-[:IN_CLUSTER]->(cluster:IndustryCluster)
WITH chain, cluster
ORDER BY cluster.id
WITH chain, head(collect(cluster)) AS cluster
RETURN chain.id AS id, chain.name AS name, cluster.id AS clusterId, cluster.name AS clusterName
ORDER BY id
