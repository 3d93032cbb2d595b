// A gap list's first rows from the maintained gap entries (src/aggregates/, README "Maintained aggregates"): the
// entries of the gap and year listed under the filters, best rank (revenue) first, read from the (gap, year, rank)
// index instead of the population. Used only while the aggregates are ready and the arguments are the defaults the
// entries were computed with; the live statement answers otherwise.
// Clauses inside a statement (the end of a subquery). Expects: gap (string: R1–R4, R6), reviewYear (integer). Returns: e (Enterprise),
// rank (integer). Parameters: $regionCode: string|null, $chainId: string|null, $limit: integer, $offset: integer
MATCH (entry:GapEntry {gap: gap, year: reviewYear})
USING INDEX entry:GapEntry(gap, year, rank)
WHERE entry.rank IS NOT NULL AND coalesce($regionCode, '*') + '|' + coalesce($chainId, '*') IN entry.scopes
WITH entry
// gap and year are fixed: ordering by them too lets the index hand the entries over in order (a partial sort that
// stops after the page) instead of every entry of the gap and year being read and sorted.
ORDER BY entry.gap DESC, entry.year DESC, entry.rank DESC, entry.enterpriseId
LIMIT toInteger($offset) + toInteger($limit)
MATCH (e:Enterprise {id: entry.enterpriseId})
RETURN e, entry.rank AS rank
