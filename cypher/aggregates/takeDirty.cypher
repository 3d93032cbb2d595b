// Up to $limit of the subjects recorded for a catch-up, removed from the record (the caller refreshes them in the same
// transaction).
// Parameters: $limit: integer
// Columns: subject: string
MATCH (d:DirtySubject)
WITH d
LIMIT $limit
WITH d, d.subject AS subject
DELETE d
RETURN subject
