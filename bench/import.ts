/**
 * Import benchmark (DESIGN.md: an import's rows per second ≥ 0.5 × the seed loader's): in one run, on one throw-away
 * Neo4j, loads the demo city at scale 1 with the seed loader (timed), then imports a 10,000-row `enterprises`
 * workbook as a bureau would send it (title rows; 8,000 firms of the city by credit code with their 2025 figures and
 * 2,000 new ones), then the same file again (every row unchanged). Each import runs in its own process
 * (bench/importWorker.ts), so its peak memory is its own.
 *
 *   npx tsx bench/import.ts [--rows 10000]
 *
 * Reports rows/s and items/s (nodes + relationships written) of each, the ratios to the seed loader, and peak RSS.
 * Writes bench/results/import-<timestamp>.json; compare with bench/baseline/import.json.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadSeed } from '../seed/loadSeed';
import { createDriver, freePort, migrate, runAutoCommit, startLocalNeo4j } from '../src/db';
import { fromRoot } from '../src/paths';
import { arg, cleanUp, run, writeResults } from './harness';
import { cityRegister } from './workbook';

const exec = promisify(execFile);

run(async () => {
  const rows = Number(arg('rows', '10000'));
  const home = mkdtempSync(path.join(os.tmpdir(), 'ig-bench-import-'));
  let driver: ReturnType<typeof createDriver> | undefined;
  try {
    const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 2048, pageCacheMb: 1024 });
    driver = createDriver(info);
    await migrate(driver, 'neo4j');
    const seed = await loadSeed(driver, 'neo4j', { scale: 1 });
    console.error(`seed: ${seed.nodes} nodes, ${seed.relationships} relationships in ${seed.ms} ms`);
    const file = await cityRegister(driver, home, rows);
    const importOnce = async () => {
      const { stdout } = await exec(
        process.execPath,
        [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('bench', 'importWorker.ts'), info.uri, file],
        {
          cwd: fromRoot(),
          env: { ...process.env, NEO4J_PASSWORD: info.password },
          maxBuffer: 10_000_000,
        },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop() as string) as { ms: number; rows: number } & Record<
        string,
        number
      >;
      const events = await runAutoCommit(
        driver!,
        'neo4j',
        `MATCH (a:AuditEvent {actor: 'bench'}) WITH a ORDER BY a.at DESC LIMIT 1
         RETURN a.nodesCreated + a.relationshipsCreated AS items`,
      );
      const items = Number(events.records[0]?.get('items') ?? 0);
      return {
        ...result,
        itemsWritten: items,
        rowsPerSecond: Math.round((result.rows as number) / ((result.ms as number) / 1000)),
      };
    };
    const first = await importOnce();
    const again = await importOnce();
    const seedNodesPerSecond = Math.round(seed.nodes / (seed.ms / 1000));
    const results = {
      rows,
      seed: {
        nodes: seed.nodes,
        relationships: seed.relationships,
        ms: seed.ms,
        itemsPerSecond: seed.rate,
        nodesPerSecond: seedNodesPerSecond,
      },
      firstImport: { ...first, itemsPerSecond: Math.round(first.itemsWritten / (first.ms / 1000)) },
      reimport: again,
      ratios: {
        // A spreadsheet row is one source record, as a seed node is: rows/s of the import over nodes/s of the seed.
        rowsPerSecondOverSeedNodesPerSecond: Math.round((first.rowsPerSecond / seedNodesPerSecond) * 100) / 100,
        itemsPerSecondOverSeed: Math.round((first.itemsWritten / (first.ms / 1000) / seed.rate) * 100) / 100,
      },
    };
    console.log(JSON.stringify(results, null, 2));
    writeResults('import', results);
  } finally {
    await driver?.close();
    await cleanUp(undefined, home);
  }
});
