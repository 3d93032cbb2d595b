// Universities and research institutes by name: what a cooperation agreement's 合作单位 is matched against.
// Parameters: none
// Columns: id, name, label (University or ResearchInstitute)
MATCH (o)
WHERE o:University OR o:ResearchInstitute
RETURN o.id AS id, o.name AS name, CASE WHEN o:University THEN 'University' ELSE 'ResearchInstitute' END AS label
