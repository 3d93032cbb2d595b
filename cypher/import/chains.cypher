// Every industry chain's id and name: what 服务产业链 / 所属产业链 cells are matched against.
// Parameters: none
// Columns: id, name
MATCH (c:IndustryChain)
RETURN c.id AS id, c.name AS name
