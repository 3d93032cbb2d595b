// What a backup's header says about the database it came from: the Neo4j version and the migrations applied.
// Parameters: none
// Columns: neo4jVersion: string, migrations: list<string> (in name order)
CALL dbms.components() YIELD versions
WITH versions[0] AS neo4jVersion
OPTIONAL MATCH (m:SchemaMigration)
WITH neo4jVersion, m.name AS name
ORDER BY name
RETURN neo4jVersion, collect(name) AS migrations
