// Creates a batch of a backup's nodes, each with the temporary label `__Restoring` and its key in the file, which the
// relationships are matched by (restore/createRelationships.cypher) until restore/unmark.cypher removes both.
// Parameters: $rows: list<{key: string, labels: list<string>, properties: map}>
// Columns: created: integer
UNWIND $rows AS row
CREATE (n:__Restoring)
SET n = row.properties, n.__restoreKey = row.key
WITH n, row
CALL apoc.create.addLabels(n, row.labels) YIELD node
RETURN count(node) AS created
