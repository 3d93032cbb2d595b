/**
 * One import, or the undo of one, in a process of its own, for bench/import.ts and bench/mixed.ts: its peak memory
 * is then the import's alone (not the benchmark's, which generated the demo city), and its CPU is not on the
 * benchmark's event loop. Prints one JSON line: the report's counts, the times and maxRSS.
 *
 *   NEO4J_PASSWORD=… npx tsx bench/importWorker.ts URI FILE            an `enterprises` import of FILE
 *   NEO4J_PASSWORD=… npx tsx bench/importWorker.ts URI --undo BATCH    the undo of import batch BATCH
 *
 * A write of more subjects than the upkeep refreshes in its own transaction leaves the maintained aggregates pending
 * (src/aggregates/upkeep.ts); the API's keeper then catches them up (src/aggregates/catchUp.ts). That catch-up is part
 * of what the write costs, so the worker runs it right after the write and reports both: `ms` (the write and its
 * catch-up), `writeOnlyMs`, `catchUpMs`, and the aggregates' mode after the write and after the catch-up (which must
 * be ready when it was ready before the write; the worker fails otherwise).
 */
import { readFileSync } from 'node:fs';
import { catchUpAggregates } from '../src/aggregates/catchUp';
import { aggregatesMode } from '../src/aggregates/rebuild';
import { createDriver } from '../src/db';
import { runImport, undoImport } from '../src/import';
import { run } from './harness';

const DATABASE = 'neo4j';
const SUBJECT = { actor: 'bench', roles: ['cli'], requestId: null };

run(async () => {
  const [uri, file, batch] = process.argv.slice(2) as [string, string, string | undefined];
  const undo = file === '--undo';
  if (undo && batch === undefined) throw new Error('usage: importWorker.ts URI (FILE | --undo BATCH)');
  const driver = createDriver({ uri, password: process.env.NEO4J_PASSWORD ?? '' });
  try {
    const modeBefore = await aggregatesMode(driver, DATABASE);
    const started = Date.now();
    let writing = 0;
    let counts: Record<string, unknown>;
    if (undo) {
      const report = await undoImport(driver, { database: DATABASE, timeoutMs: 600_000 }, batch as string, {
        ...SUBJECT,
        roles: ['admin'],
        operation: 'undo import',
      });
      if (!report.undone) throw new Error(`undo refused: ${JSON.stringify(report).slice(0, 2_000)}`);
      const { nodesRemoved, nodesRestored, relationshipsRemoved, relationshipsRestored } = report;
      counts = { nodesRemoved, nodesRestored, relationshipsRemoved, relationshipsRestored };
    } else {
      const report = await runImport(
        driver,
        { database: DATABASE, timeoutMs: 600_000 },
        {
          bytes: readFileSync(file),
          fileName: file,
          kind: 'enterprises',
          subject: { ...SUBJECT, operation: 'import enterprises' },
          progress: (message) => {
            if (message.startsWith('writing')) writing = Date.now();
          },
        },
      );
      const { created, updated, unchanged, rows, applied, batchId } = report;
      counts = { rows, created, updated, unchanged, applied, batchId, invalid: report.invalid.length };
    }
    const writeOnlyMs = Date.now() - started;
    const modeAfterWrite = await aggregatesMode(driver, DATABASE);
    const caughtUpAt = Date.now();
    const caughtUp = await catchUpAggregates(driver, DATABASE);
    const catchUpMs = Date.now() - caughtUpAt;
    const modeAfterCatchUp = await aggregatesMode(driver, DATABASE);
    if (modeBefore === 'ready' && modeAfterCatchUp !== 'ready') {
      throw new Error(`the aggregates were ready before the write, ${modeAfterCatchUp} after its catch-up`);
    }
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    // Reading, parsing and matching until the write starts; then the one write transaction (none: nothing to write).
    const phases = writing ? { readAndMatchMs: writing - started, writeMs: started + writeOnlyMs - writing } : {};
    console.log(
      JSON.stringify({
        ms: writeOnlyMs + catchUpMs,
        writeOnlyMs,
        catchUpMs,
        subjectsCaughtUp: caughtUp,
        ...phases,
        ...counts,
        modeBefore,
        modeAfterWrite,
        modeAfterCatchUp,
        maxRssMb,
      }),
    );
  } finally {
    await driver.close();
  }
});
