// Stores each changed subject's new contribution on its Contribution node (created for a subject counted for the
// first time); a subject that adds nothing keeps none.
// Parameters: $rows: list<{subject, scopes, scoped, explicit, gaps}>
// Columns: none
UNWIND $rows AS row
CALL (row) {
  WITH row
  WHERE size(row.scoped) + size(row.explicit) + size(row.gaps) > 0
  MERGE (c:Contribution {subject: row.subject})
  SET c.scopes = row.scopes, c.scoped = row.scoped, c.explicit = row.explicit, c.gaps = row.gaps
}
CALL (row) {
  WITH row
  WHERE size(row.scoped) + size(row.explicit) + size(row.gaps) = 0
  MATCH (c:Contribution {subject: row.subject})
  DELETE c
}
