// Deletes up to $batch domain nodes with their relationships (run until none is left); keeps schema bookkeeping
// (SchemaMigration), the audit trail and the change history (AuditEvent, Change: nothing but an admin's own hand in
// the database may remove them; the change-history trigger records what this deletes) and the data version
// (DataVersion: a reset is a write, counted after it). Batches run in transactions of ours (seed/loadSeed.ts), not
// CALL … IN TRANSACTIONS, whose inner transactions would not carry the reset's metadata.
// Parameters: $batch: integer
// Columns: deleted: integer
MATCH (n)
WHERE NOT n:SchemaMigration AND NOT n:AuditEvent AND NOT n:Change AND NOT n:DataVersion
WITH n
LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
