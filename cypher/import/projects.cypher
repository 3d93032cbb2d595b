// Every project's id, name and number (项目编号): what the rows of a project list are matched against (number,
// normalized name, similar names for review).
// Parameters: none
// Columns: id, name, code (projectNo; null when unknown)
MATCH (p:Project)
RETURN p.id AS id, p.name AS name, p.projectNo AS code
