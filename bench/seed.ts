/**
 * Seed-load benchmark: loads the demo city into a fresh throw-away Neo4j (the project's launcher) at each scale
 * given, and reports load time, rate and the counts. A second load of scale 1 measures the idempotent re-run.
 *
 *   npx tsx bench/seed.ts [scale ...]          e.g. npx tsx bench/seed.ts 1 10
 *
 * Writes bench/results/seed-<timestamp>.json; compare with bench/baseline/seed.json (budget: scale 1 ≤ 60 s).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSeed } from '../seed/generate';
import { loadSeed } from '../seed/loadSeed';
import { createDriver, freePort, migrate, startLocalNeo4j, stopLocalNeo4j } from '../src/db';
import { fromRoot } from '../src/paths';

async function run(scale: number): Promise<Record<string, number>> {
  const home = mkdtempSync(path.join(os.tmpdir(), `ig-bench-seed-${scale}-`));
  const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver(info);
  try {
    await migrate(driver, 'neo4j');
    const generateStarted = Date.now();
    generateSeed(scale);
    const generateMs = Date.now() - generateStarted;
    const first = await loadSeed(driver, 'neo4j', { scale });
    const again = scale === 1 ? await loadSeed(driver, 'neo4j', { scale }) : undefined;
    const row = {
      scale,
      nodes: first.nodes,
      relationships: first.relationships,
      generateMs,
      loadMs: first.ms,
      itemsPerSecond: first.rate,
      ...(again ? { reloadMs: again.ms } : {}),
      neo4jStartMs: info.startMs,
    };
    console.log(JSON.stringify(row));
    return row;
  } finally {
    await driver.close();
    await stopLocalNeo4j(home);
    rmSync(home, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const scales = process.argv.slice(2).map(Number);
  const rows = [];
  for (const scale of scales.length ? scales : [1]) rows.push(await run(scale));
  const out = fromRoot('bench', 'results', `seed-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify({ machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, rows }, null, 2),
  );
  console.log(`written ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
