// A rebuild's write of a batch of subjects' contributions (the store is empty: created, not merged) and of their
// gap list entries.
// Parameters: $rows: list<{subject, scopes, scoped, explicit, gaps}>,
//   $gapRows: list<{subject, enterpriseId, scopes, entries: list<{gap, year, rank}>}>
// Columns: none
CALL () {
  UNWIND $rows AS row
  CREATE (:Contribution {
    subject: row.subject, scopes: row.scopes, scoped: row.scoped, explicit: row.explicit, gaps: row.gaps
  })
}
CALL () {
  UNWIND $gapRows AS row
  UNWIND row.entries AS entry
  CREATE (:GapEntry {
    subject: row.subject, enterpriseId: row.enterpriseId, gap: entry.gap, year: entry.year, rank: entry.rank,
    scopes: row.scopes
  })
}
