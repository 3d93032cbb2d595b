// The lock imports and undos take (cypher/import/lock.cypher): one node, kept one by its id.
CREATE CONSTRAINT import_lock_id IF NOT EXISTS FOR (n:ImportLock) REQUIRE n.id IS UNIQUE;
