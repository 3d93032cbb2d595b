// Upserts one batch of nodes of one label (idempotent: MERGE on the id constraint).
// Template: __LABEL__ is replaced by a label from seed/graphBuilder.ts LABELS (never by user input).
// Parameters: $rows: [map with id and the node's properties]
// Columns: none
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
SET n += row;
