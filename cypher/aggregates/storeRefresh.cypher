// A refresh's writes, in one statement: each changed subject's new contribution on its Contribution node (locked by
// lockContributions.cypher; removed when it adds nothing), its gap list entries replaced (one per gap and year it is
// in, with its rank — the revenue the list orders by — and its scopes `<region or *>|<chain or *>`), and each
// counter's difference added to one stripe of the counter (`<id>#<stripe>`, created at 0; removed back at 0, as
// absent reads 0; every read sums a counter's stripes).
// Parameters: $rows: list<{subject, scopes, scoped, explicit, gaps}>,
//   $gapRows: list<{subject, enterpriseId, scopes: list<string>, entries: list<{gap, year, rank}>}>,
//   $deltas: list<{id: string, key: string, year: integer, amount: integer}> (sorted by id), $stripe: integer
// Columns: none
CALL () {
  UNWIND $rows AS row
  MATCH (c:Contribution {subject: row.subject})
  CALL (row, c) {
    WITH row, c
    WHERE size(row.scoped) + size(row.explicit) + size(row.gaps) > 0
    SET c.scopes = row.scopes, c.scoped = row.scoped, c.explicit = row.explicit, c.gaps = row.gaps
  }
  CALL (row, c) {
    WITH row, c
    WHERE size(row.scoped) + size(row.explicit) + size(row.gaps) = 0
    DELETE c
  }
}
CALL () {
  UNWIND $gapRows AS row
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
}
CALL () {
  UNWIND $deltas AS d
  MERGE (a:Aggregate {id: d.id + '#' + toString($stripe)})
    ON CREATE SET a.key = d.key, a.year = d.year, a.value = 0
  SET a.value = a.value + d.amount
  WITH a
  WHERE a.value = 0
  DELETE a
}
