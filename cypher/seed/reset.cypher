// Deletes every domain node and relationship, in batches; keeps schema bookkeeping (SchemaMigration).
// Parameters: none
// Columns: none
MATCH (n) WHERE NOT n:SchemaMigration
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
