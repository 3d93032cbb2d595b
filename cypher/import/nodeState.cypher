// What an import compares its rows with, for nodes other than enterprises that its rows write or link from (a
// platform, a project, a person, a host or undertaker): their properties and relationships of the importer's types.
// Template: __LABEL__ is a label the importer writes (src/import/apply/statements.ts checks it; never user input).
// Parameters: $ids: list<string>, $types: list<string> (the relationship types the importer writes)
// Columns: id, props (map), out: list of [type, end node id, relationship properties]
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, properties(n) AS props, [(n)-[r]->(o) WHERE type(r) IN $types | [type(r), o.id, properties(r)]] AS out
