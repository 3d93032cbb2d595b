// The data version (cypher/version/): one node, kept one by its id, counting every write committed through the API,
// the import and undo, and the seed loader. The epoch tells a recreated node from the old one.
CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (n:DataVersion) REQUIRE n.id IS UNIQUE;
MERGE (v:DataVersion {id: 'data'}) ON CREATE SET v.epoch = randomUUID(), v.value = 0;
