// Deletes every domain node and relationship, in batches; keeps schema bookkeeping (SchemaMigration), the audit
// trail and the change history (AuditEvent, Change: nothing but an admin's own hand in the database may remove them;
// the change-history trigger records what this deletes) and the data version (DataVersion: a reset is a write,
// counted after it).
// Parameters: none
// Columns: none
MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:AuditEvent AND NOT n:Change AND NOT n:DataVersion
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
