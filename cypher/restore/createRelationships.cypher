// Creates a batch of a backup's relationships between nodes restored before (found by their key in the file). A row
// whose ends are not both there creates nothing: the caller compares `created` with the rows it sent.
// Parameters: $rows: list<{type: string, start: string, end: string, properties: map}>
// Columns: created: integer
UNWIND $rows AS row
MATCH (a:__Restoring {__restoreKey: row.start})
MATCH (b:__Restoring {__restoreKey: row.end})
CALL apoc.create.relationship(a, row.type, row.properties, b) YIELD rel
RETURN count(rel) AS created
