// The subjects writes recorded while the rebuild ran (cypher/aggregates/markDirty.cypher).
// Parameters: none
// Columns: subject: string
MATCH (d:DirtySubject)
RETURN d.subject AS subject
