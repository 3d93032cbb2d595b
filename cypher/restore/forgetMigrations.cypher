// Forgets the migrations applied in this database but not in the backup's, so that `migrate` runs them again on the
// restored graph (a migration's statements may change data; every statement is written to be re-run safely).
// Parameters: $applied: list<string> (the backup's migrations)
// Columns: forgotten: integer
MATCH (m:SchemaMigration)
WHERE NOT m.name IN $applied
DELETE m
RETURN count(*) AS forgotten
