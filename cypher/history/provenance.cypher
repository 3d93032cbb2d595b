// Snippet (clauses): an import's batch, file and row on the Change `c` just created, from the write's metadata `md`
// and the fact's `source` ("<file>, row <n>", src/import/match/plan.ts). Expects: c, md, source. Binds: nothing.
SET c.batchId = md.batchId,
    c.file = md.importFile,
    c.row = CASE WHEN md.batchId IS NOT NULL AND source CONTAINS ', row '
              THEN toInteger(last(split(source, ', row '))) END
