// Deletes the stored contributions, counters and gap entries of the maintained aggregates, in batches (a rebuild
// starts from nothing; writes meanwhile only record what they touch).
// Parameters: none
// Columns: none
MATCH (n)
WHERE n:Contribution OR n:Aggregate OR n:GapEntry
CALL (n) {
  DELETE n
} IN TRANSACTIONS OF 10000 ROWS
