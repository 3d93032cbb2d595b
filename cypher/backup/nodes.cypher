// Every node a backup holds: all but those with an excluded label (derived data, bookkeeping) or a label starting
// with `__`. Streamed: the client pulls it in batches as it writes them out.
// Parameters: $excluded: list<string>
// Columns: key: string (the element id: a key within this backup only), labels: list<string>, properties: map
MATCH (n)
WHERE none(l IN labels(n) WHERE l IN $excluded OR l STARTS WITH '__')
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties
