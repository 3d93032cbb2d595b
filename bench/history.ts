/**
 * Change-capture benchmark (DESIGN.md: change capture adds ≤ 30 % on top of a write's cost): on one throw-away Neo4j
 * with the demo city at scale 1 and the maintained aggregates ready (today's write path), the same writes are timed
 * with the change-history trigger running and stopped (apoc.trigger.stop / start), alternating, side by side:
 * - a generated mutation through the API (a nested update of an annual report: `updateEnterprises`), p50 of
 *   `--writes` calls per round, `--rounds` rounds each way;
 * - a 10,000-row `enterprises` import (8,000 known firms, 2,000 new) and its undo, `--importRounds` each way;
 * and the growth of the store per 1,000 changes recorded: the data folder's size before and after the captured
 * imports (store files and transaction log; Neo4j allocates store files in steps, so this is coarse) over the Change
 * nodes they added, beside the mean size of a Change's properties as JSON (what it holds, without overhead).
 *
 *   npx tsx bench/history.ts [--writes 100] [--rounds 3] [--rows 10000] [--importRounds 2]
 *
 * Writes bench/results/history-<timestamp>.json; compare with bench/baseline/history.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { rebuildAggregates } from '../src/aggregates/rebuild';
import { catchUpAggregates } from '../src/aggregates/catchUp';
import { CHANGE_TRIGGER, createDriver, freePort, migrate, runAutoCommit, startLocalNeo4j } from '../src/db';
import { runImport, undoImport } from '../src/import';
import { arg, cleanUp, measure, run, startApi, stopApi, writeResults, type Stats } from './harness';
import { cityRegister } from './workbook';

const DATABASE = 'neo4j';

const du = (dir: string): number => Number(execFileSync('du', ['-sk', dir]).toString().split('\t')[0]) * 1024;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

/** Stops or starts the change-history trigger, and waits until APOC runs it that way (apoc.trigger.refresh). */
async function setCapture(driver: Driver, on: boolean): Promise<void> {
  await driver.executeQuery(
    `CALL apoc.trigger.${on ? 'start' : 'stop'}($db, $name)`,
    {
      db: DATABASE,
      name: CHANGE_TRIGGER,
    },
    { database: 'system' },
  );
  for (;;) {
    const listed = await driver.executeQuery('CALL apoc.trigger.list() YIELD name, paused RETURN name, paused');
    const trigger = listed.records.find((r) => r.get('name') === CHANGE_TRIGGER);
    if (trigger !== undefined && trigger.get('paused') === !on) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function changes(driver: Driver): Promise<number> {
  const result = await runAutoCommit(driver, DATABASE, 'MATCH (c:Change) RETURN count(c) AS n');
  return Number(result.records[0]?.get('n'));
}

/** The mean size of a Change's properties as JSON text, in bytes. */
async function changeBytes(driver: Driver): Promise<number> {
  const result = await runAutoCommit(
    driver,
    DATABASE,
    'MATCH (c:Change) RETURN avg(size(apoc.convert.toJson(properties(c)))) AS bytes',
  );
  return Math.round(Number(result.records[0]?.get('bytes')));
}

run(async () => {
  const o = {
    writes: Number(arg('writes', '100')),
    rounds: Number(arg('rounds', '3')),
    rows: Number(arg('rows', '10000')),
    importRounds: Number(arg('importRounds', '2')),
  };
  const home = mkdtempSync(path.join(os.tmpdir(), 'ig-bench-history-'));
  const info = await startLocalNeo4j({
    home,
    port: await freePort(),
    heapMb: 2048,
    pageCacheMb: 1024,
    txTimeoutSeconds: 3600,
  });
  const driver = createDriver(info);
  let api: Awaited<ReturnType<typeof startApi>>['child'] | undefined;
  try {
    await migrate(driver, DATABASE);
    const seeded = await loadSeed(driver, DATABASE, { scale: 1 });
    console.error(`seeded ${seeded.nodes + seeded.relationships} items in ${seeded.ms} ms`);
    const rebuilt = await rebuildAggregates(driver, DATABASE);
    if (!rebuilt.rebuilt) throw new Error(`rebuild refused: ${rebuilt.reason}`);

    // ---- a generated mutation through the API ----
    const started = await startApi(info, { QUERY_TIMEOUT_MS: '600000', AUTH_LOCAL_ROLE: 'editor' });
    api = started.child;
    const reports = await runAutoCommit(
      driver,
      DATABASE,
      `MATCH (e:Enterprise)-[:HAS_REPORT]->(r:AnnualReport {year: 2024, aboveScale: true})
       RETURN e.id AS firm ORDER BY e.id LIMIT 200`,
    );
    const firms = reports.records.map((r) => r.get('firm') as string);
    let revenue = 200_000_000;
    const mutate = async () => {
      revenue += 1;
      const firm = firms[Math.floor(Math.random() * firms.length)];
      const response = await fetch(`${started.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation ($id: ID!, $v: BigInt!) { updateEnterprises(where: { id: { eq: $id } },
            update: { reports: [{ update: { where: { node: { year: { eq: 2024 } } }, node: { revenue: { set: $v } } } }] })
            { enterprises { id } } }`,
          variables: { id: firm, v: String(revenue) },
        }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
    };
    const mutations: { captured: Stats[]; uncaptured: Stats[] } = { captured: [], uncaptured: [] };
    for (let round = 0; round < o.rounds; round++) {
      await setCapture(driver, true);
      mutations.captured.push(await measure(o.writes, 1, mutate));
      await setCapture(driver, false);
      mutations.uncaptured.push(await measure(o.writes, 1, mutate));
      console.error(
        `  mutation round ${round + 1}: captured p50 ${mutations.captured[round]?.p50} ms, ` +
          `uncaptured ${mutations.uncaptured[round]?.p50} ms`,
      );
    }
    await stopApi(api);
    api = undefined;

    // ---- a 10,000-row import and its undo ----
    const file = await cityRegister(driver, home, o.rows);
    const bytes = readFileSync(file);
    const subject = { actor: 'bench', roles: ['admin'], operation: 'import enterprises', requestId: null };
    const importRound = async () => {
      const t0 = Date.now();
      const report = await runImport(
        driver,
        { database: DATABASE, timeoutMs: 3_600_000 },
        { bytes, fileName: 'register-2025.xlsx', kind: 'enterprises', subject },
      );
      const importMs = Date.now() - t0;
      if (!report.applied || report.batchId === null) throw new Error('bench import not applied');
      await catchUpAggregates(driver, DATABASE);
      const t1 = Date.now();
      await undoImport(driver, { database: DATABASE, timeoutMs: 3_600_000 }, report.batchId, subject);
      const undoMs = Date.now() - t1;
      await catchUpAggregates(driver, DATABASE);
      return { importMs, undoMs };
    };
    const imports: { captured: { importMs: number; undoMs: number }[]; uncaptured: typeof imports.captured } = {
      captured: [],
      uncaptured: [],
    };
    let grownBytes = 0;
    let grownChanges = 0;
    for (let round = 0; round < o.importRounds; round++) {
      await setCapture(driver, false);
      imports.uncaptured.push(await importRound());
      await setCapture(driver, true);
      const [bytesBefore, changesBefore] = [du(home), await changes(driver)];
      imports.captured.push(await importRound());
      grownBytes += du(home) - bytesBefore;
      grownChanges += (await changes(driver)) - changesBefore;
      console.error(
        `  import round ${round + 1}: captured ${imports.captured[round]?.importMs} ms (undo ` +
          `${imports.captured[round]?.undoMs}), uncaptured ${imports.uncaptured[round]?.importMs} ms (undo ` +
          `${imports.uncaptured[round]?.undoMs})`,
      );
    }
    await setCapture(driver, true);

    const p50 = (xs: Stats[]) => median(xs.map((s) => s.p50));
    const results = {
      ...o,
      seed: { items: seeded.nodes + seeded.relationships, ms: seeded.ms },
      mutation: {
        capturedP50: p50(mutations.captured),
        uncapturedP50: p50(mutations.uncaptured),
        ratio: ratio(p50(mutations.captured), p50(mutations.uncaptured)),
        rounds: mutations,
      },
      import10k: {
        capturedMs: median(imports.captured.map((r) => r.importMs)),
        uncapturedMs: median(imports.uncaptured.map((r) => r.importMs)),
        importRatio: ratio(
          median(imports.captured.map((r) => r.importMs)),
          median(imports.uncaptured.map((r) => r.importMs)),
        ),
        undoRatio: ratio(
          median(imports.captured.map((r) => r.undoMs)),
          median(imports.uncaptured.map((r) => r.undoMs)),
        ),
        rounds: imports,
      },
      store: {
        changesRecorded: grownChanges,
        bytesGrown: grownBytes,
        bytesPer1000Changes: grownChanges > 0 ? Math.round((grownBytes / grownChanges) * 1000) : null,
        meanChangeJsonBytes: await changeBytes(driver),
      },
    };
    console.log(
      `mutation p50 ${results.mutation.capturedP50} vs ${results.mutation.uncapturedP50} ms (×${results.mutation.ratio}); ` +
        `10,000-row import ${results.import10k.capturedMs} vs ${results.import10k.uncapturedMs} ms ` +
        `(×${results.import10k.importRatio}), undo ×${results.import10k.undoRatio}; store +` +
        `${Math.round(grownBytes / 1e6)} MB for ${grownChanges} changes ` +
        `(${Math.round((results.store.bytesPer1000Changes ?? 0) / 1024)} KiB per 1,000; a change holds ` +
        `${results.store.meanChangeJsonBytes} bytes of JSON on average)`,
    );
    writeResults('history', results);
  } finally {
    if (api !== undefined) await stopApi(api);
    await driver.close();
    await cleanUp(undefined, home);
  }
});
