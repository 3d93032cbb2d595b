// The nodes whose id starts with a prefix, by label: what a test's own writes touch (test/support/testApp.ts keeps
// the maintained aggregates right across them like any write of ours).
// Parameters: $prefix: string
// Columns: label: string, id: string
MATCH (n)
WHERE n.id STARTS WITH $prefix
RETURN labels(n)[0] AS label, n.id AS id
