// Full-text search over names and titles (index entityNames, CJK analyzer: Chinese text matches by bigrams).
// Parameters: $query (a Lucene query with special characters already escaped), $labels ([String] or null),
//             $limit (Int)
// Columns: id, type (the node's first label), label (name or title), score
CALL db.index.fulltext.queryNodes('entityNames', $query, {limit: $limit * 5})
YIELD node, score
WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
RETURN node.id AS id, labels(node)[0] AS type, coalesce(node.name, node.title) AS label, score
ORDER BY score DESC, id
LIMIT $limit
