/**
 * One import in a process of its own, for bench/import.ts: its peak memory is then the import's alone (not the
 * benchmark's, which generated the demo city). Prints one JSON line: the report's counts, the time and maxRSS.
 *
 *   NEO4J_PASSWORD=… npx tsx bench/importWorker.ts URI FILE
 */
import { readFileSync } from 'node:fs';
import { createDriver } from '../src/db';
import { runImport } from '../src/import';
import { run } from './harness';

run(async () => {
  const [uri, file] = process.argv.slice(2) as [string, string];
  const driver = createDriver({ uri, password: process.env.NEO4J_PASSWORD ?? '' });
  try {
    const started = Date.now();
    let writing = 0;
    const report = await runImport(
      driver,
      { database: 'neo4j', timeoutMs: 600_000 },
      {
        bytes: readFileSync(file),
        fileName: file,
        kind: 'enterprises',
        subject: { actor: 'bench', roles: ['cli'], operation: 'import enterprises', requestId: null },
        progress: (message) => {
          if (message.startsWith('writing')) writing = Date.now();
        },
      },
    );
    const ms = Date.now() - started;
    const { created, updated, unchanged, rows, applied } = report;
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    // Reading, parsing and matching until the write starts; then the one write transaction (none: nothing to write).
    const phases = writing ? { readAndMatchMs: writing - started, writeMs: started + ms - writing } : {};
    const invalid = report.invalid.length;
    console.log(JSON.stringify({ ms, ...phases, rows, created, updated, unchanged, applied, invalid, maxRssMb }));
  } finally {
    await driver.close();
  }
});
