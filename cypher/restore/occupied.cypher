// How many nodes hold data a restore would replace: all but the derived and bookkeeping ones that migrations and
// the maintained aggregates create in an empty database, and temporary ones (a label starting with `__`).
// Parameters: $derived: list<string>
// Columns: nodes: integer
MATCH (n)
WHERE none(l IN labels(n) WHERE l IN $derived OR l STARTS WITH '__')
RETURN count(n) AS nodes
