// The nodes with the given domain ids, whatever their label (see parts/nodeById).
// Parameters: $ids: list<string> (domain ids)
// Columns: id: string, elementId: string — one row per id that exists
UNWIND $ids AS id
// #include maps/parts/nodeById
RETURN DISTINCT id, elementId(n) AS elementId
