// Replaces the gap list entries of each enterprise: one per gap and year it is in, with its rank (the revenue the
// list orders by) and its scopes (`<region or *>|<chain or *>`, the filters under which it is listed).
// Parameters: $rows: list<{subject, enterpriseId, scopes: list<string>, entries: list<{gap, year, rank}>}>
// Columns: none
UNWIND $rows AS row
CALL (row) {
  MATCH (old:GapEntry {subject: row.subject})
  DELETE old
}
WITH row
UNWIND row.entries AS entry
CREATE (:GapEntry {
  subject: row.subject, enterpriseId: row.enterpriseId, gap: entry.gap, year: entry.year, rank: entry.rank,
  scopes: row.scopes
})
