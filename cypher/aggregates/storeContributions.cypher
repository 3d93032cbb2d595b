// Stores each subject's new contribution on its (locked) Contribution node; a subject that adds nothing keeps none.
// Parameters: $rows: list<{subject, scopes, scoped, explicit, gaps}>
// Columns: none
UNWIND $rows AS row
MATCH (c:Contribution {subject: row.subject})
SET c.scopes = row.scopes, c.scoped = row.scoped, c.explicit = row.explicit, c.gaps = row.gaps
WITH c
WHERE size(c.scoped) + size(c.explicit) + size(c.gaps) = 0
DELETE c
