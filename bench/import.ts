/**
 * Import benchmark (DESIGN.md: an import's rows per second ≥ 0.5 × the seed loader's): in one run, on one throw-away
 * Neo4j, loads the demo city at scale 1 with the seed loader (timed), rebuilds the maintained aggregates (they must be
 * ready, as in production, so that every write keeps them), then imports a 10,000-row `enterprises` workbook as a
 * bureau would send it (title rows; 8,000 firms of the city by credit code with their 2025 figures and 2,000 new
 * ones), then the same file again (every row unchanged), then undoes the first import. Each runs in its own process
 * (bench/importWorker.ts), so its peak memory is its own.
 *
 * An import or undo of that size leaves the aggregates pending; the catch-up that brings them back
 * (src/aggregates/catchUp.ts, the API's keeper runs it after such a write) is part of its cost: `ms` and the rates
 * include it, `catchUpMs` is the catch-up alone and `writeOnlyMs` the write without it. The aggregates must be ready
 * again after each catch-up (the run fails otherwise).
 *
 *   npx tsx bench/import.ts [--rows 10000]
 *
 * Reports rows/s and items/s (nodes + relationships written) of each, the ratios to the seed loader, and peak RSS.
 * Writes bench/results/import-<timestamp>.json; compare with bench/baseline/import.json (whose `ms` was measured
 * before the aggregates were kept: without upkeep or catch-up).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadSeed } from '../seed/loadSeed';
import { createDriver, freePort, migrate, runAutoCommit, startLocalNeo4j } from '../src/db';
import { fromRoot } from '../src/paths';
import { arg, assertAggregatesReady, cleanUp, rebuildReady, run, writeResults } from './harness';
import { cityRegister } from './workbook';

const exec = promisify(execFile);

/** What bench/importWorker.ts prints. */
type WorkerResult = {
  ms: number;
  writeOnlyMs: number;
  catchUpMs: number;
  rows?: number;
  batchId?: string | null;
} & Record<string, unknown>;

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
    const rebuilt = await rebuildReady(driver, 'neo4j');
    console.error(`aggregates rebuilt in ${rebuilt.ms} ms: ready`);
    const file = await cityRegister(driver, home, rows);
    const worker = async (args: string[]): Promise<WorkerResult> => {
      await assertAggregatesReady(driver!, 'neo4j', `before ${args.join(' ')}`);
      const { stdout } = await exec(
        process.execPath,
        [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('bench', 'importWorker.ts'), info.uri, ...args],
        {
          cwd: fromRoot(),
          env: { ...process.env, NEO4J_PASSWORD: info.password },
          maxBuffer: 10_000_000,
        },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult;
      await assertAggregatesReady(driver!, 'neo4j', `after ${args.join(' ')} and its catch-up`);
      console.error(JSON.stringify(result));
      return result;
    };
    const lastEventItems = async (): Promise<number> => {
      const events = await runAutoCommit(
        driver!,
        'neo4j',
        `MATCH (a:AuditEvent {actor: 'bench'}) WITH a ORDER BY a.at DESC LIMIT 1
         RETURN a.nodesCreated + a.relationshipsCreated AS items`,
      );
      return Number(events.records[0]?.get('items') ?? 0);
    };
    const importOnce = async () => {
      const result = await worker([file]);
      return {
        ...result,
        itemsWritten: await lastEventItems(),
        rowsPerSecond: Math.round((result.rows as number) / (result.ms / 1000)),
      };
    };
    const first = await importOnce();
    const again = await importOnce();
    if (typeof first.batchId !== 'string') throw new Error('the first import wrote no batch');
    const undo = await worker(['--undo', first.batchId]);
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
      aggregatesRebuild: { ms: rebuilt.ms, subjects: rebuilt.subjects },
      firstImport: { ...first, itemsPerSecond: Math.round(first.itemsWritten / (first.ms / 1000)) },
      reimport: again,
      undo,
      ratios: {
        // A spreadsheet row is one source record, as a seed node is: rows/s of the import over nodes/s of the seed.
        rowsPerSecondOverSeedNodesPerSecond: Math.round((first.rowsPerSecond / seedNodesPerSecond) * 100) / 100,
        itemsPerSecondOverSeed: Math.round((first.itemsWritten / (first.ms / 1000) / seed.rate) * 100) / 100,
        /** The share of the first import's cost that is its catch-up. */
        catchUpShareOfFirstImport: Math.round((first.catchUpMs / first.ms) * 100) / 100,
        catchUpShareOfUndo: Math.round((undo.catchUpMs / undo.ms) * 100) / 100,
      },
    };
    console.log(JSON.stringify(results, null, 2));
    writeResults('import', results);
  } finally {
    await driver?.close();
    await cleanUp(undefined, home);
  }
});
