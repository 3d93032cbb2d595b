// Every person with the organisation employing them: a 科技副总 row names a person by name and 派出单位.
// Parameters: none
// Columns: id, name, employer (organisation id)
MATCH (p:Person)-[:EMPLOYED_BY]->(o)
RETURN p.id AS id, p.name AS name, o.id AS employer
