/**
 * Backup and restore benchmark: at each scale, loads the demo city into a throw-away Neo4j (A) and rebuilds its
 * maintained aggregates, then measures `backupGraph` (time, how long writes were held, file size) next to the store's
 * size on disk, a restore into a second, empty throw-away Neo4j (B) — the load and the aggregates' rebuild reported
 * apart —, and, for comparison, the offline copy the local launcher allows: A stopped, its data folder copied.
 *
 *   npx tsx bench/backup.ts [--scales 1,10] [--baseline]
 *
 * Writes bench/results/backup-<timestamp>.json; --baseline also writes bench/baseline/backup.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeed } from '../seed/loadSeed';
import { rebuildAggregates } from '../src/aggregates/rebuild';
import { backupGraph, restoreGraph } from '../src/backup';
import { createDriver, freePort, migrate, startLocalNeo4j, stopLocalNeo4j } from '../src/db';
import { fromRoot } from '../src/paths';
import { arg, run, writeResults } from './harness';

const du = (dir: string): number => Number(execFileSync('du', ['-sk', dir]).toString().split('\t')[0]) * 1024;
const mib = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

async function startNeo4j(name: string) {
  const home = mkdtempSync(path.join(os.tmpdir(), `ig-bench-backup-${name}-`));
  const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 2048, pageCacheMb: 1024 });
  return { home, info, driver: createDriver(info) };
}

async function scaleRow(scale: number, files: string): Promise<Record<string, number>> {
  const a = await startNeo4j(`a${scale}`);
  let b: Awaited<ReturnType<typeof startNeo4j>> | undefined;
  try {
    await migrate(a.driver, 'neo4j');
    const seed = await loadSeed(a.driver, 'neo4j', { scale });
    const aggregates = await rebuildAggregates(a.driver, 'neo4j');
    const storeBytes = du(a.home);

    const file = path.join(files, `scale${scale}.backup.gz`);
    const backup = await backupGraph(a.driver, 'neo4j', file, { timeoutMs: 3_600_000 });
    console.error(`scale ${scale}: backup ${backup.ms} ms, ${mib(backup.fileBytes)} MiB`);

    b = await startNeo4j(`b${scale}`);
    const restore = await restoreGraph(b.driver, 'neo4j', file, {
      replace: false,
      confirm: async () => false,
      log: (line) => console.error(`scale ${scale}: ${line}`),
    });
    console.error(`scale ${scale}: restore ${restore.ms} ms`);

    // The offline copy the local launcher allows: stop Neo4j (as `npm run db:stop`), copy its folder.
    await a.driver.close();
    const stopStarted = Date.now();
    await stopLocalNeo4j(a.home);
    const stopMs = Date.now() - stopStarted;
    const copy = path.join(files, `scale${scale}-copy`);
    const copyStarted = Date.now();
    execFileSync('cp', ['-a', a.home, copy]);
    const copyMs = Date.now() - copyStarted;
    rmSync(copy, { recursive: true, force: true });

    const row = {
      scale,
      nodes: backup.header.counts.nodes,
      relationships: backup.header.counts.relationships,
      seedMs: seed.ms,
      aggregatesRebuildOnSourceMs: aggregates.ms,
      storeMiB: mib(storeBytes),
      backupMs: backup.ms,
      backupLockMs: backup.lockMs,
      backupFileMiB: mib(statSync(file).size),
      restoreMs: restore.ms,
      restoreLoadMs: restore.loadMs,
      restoreAggregatesMs: restore.aggregatesMs,
      offlineStopMs: stopMs,
      offlineCopyMs: copyMs,
    };
    console.log(JSON.stringify(row));
    return row;
  } finally {
    await a.driver.close();
    await stopLocalNeo4j(a.home);
    rmSync(a.home, { recursive: true, force: true });
    if (b) {
      await b.driver.close();
      await stopLocalNeo4j(b.home);
      rmSync(b.home, { recursive: true, force: true });
    }
  }
}

run(async () => {
  const scales = arg('scales', '1').split(',').map(Number);
  const files = mkdtempSync(path.join(os.tmpdir(), 'ig-bench-backup-files-'));
  const rows = [];
  try {
    for (const scale of scales) rows.push(await scaleRow(scale, files));
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
  const results = { rows };
  writeResults('backup', results);
  if (process.argv.includes('--baseline')) {
    writeFileSync(
      fromRoot('bench', 'baseline', 'backup.json'),
      `${JSON.stringify({ ...results, machine: `${os.cpus().length} cores` }, null, 2)}\n`,
    );
  }
});
