/**
 * Writes that scale (issue #27): how many generated mutations per second the API commits with 1, 2 and 4 writers at
 * once, and what the maintained aggregates' upkeep adds to one, side by side in one run on one Neo4j holding the
 * demo city with the aggregates ready.
 *
 * Each writer sends `updateAnnualReports` mutations that flip a flag the counters count (`hasRdInstitution`: R1's
 * numerator and the 四有 coverage), on the annual reports of its own county's firms (writer i: the i-th county by
 * number of reports), back to back for `--seconds`: writers on disjoint scopes, whose changes meet only in the
 * city-wide counters. Passes:
 *
 * - after, upkeep: this checkout's API with the aggregates ready (every write refreshes its subjects);
 * - after, none: the same API with the aggregates' state removed (a graph never built: a write reads one state node
 *   and does nothing else for the aggregates), restored after the pass;
 * - before, upkeep (with `--before <checkout>`): an older checkout's API on the same Neo4j (e.g. a `git worktree` of
 *   the commit before #27: every upkeep took one global lock).
 *
 * Rounds alternate the order of the passes; each pass starts with an unmeasured second of the same writes (plans
 * warm again after the round's rebuild). Reported per pass and writer count: writes/s and p50 / p99 of a write
 * (medians over the rounds), and the upkeep ratio (after-upkeep p50 ÷ after-none p50 at each writer count). At the
 * end the counters are compared with a rebuild (they must be exact after every concurrent write).
 *
 *   npx tsx bench/writes.ts [--before /path/to/checkout] [--scale 1] [--seconds 8] [--rounds 3] [--writers 1,2,4]
 *     [--uri bolt://127.0.0.1:7687]
 *
 * Writes bench/results/writes-<timestamp>.json; compare with bench/baseline/writes.json.
 * Budgets (issue #27): upkeep ≤ 1.3 × a write without; writers on disjoint scopes do not wait for each other
 * (writes/s grows with writers until the machine's 2 cores are busy).
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { createDriver, migrate, runAutoCommit } from '../src/db';
import {
  arg,
  benchNeo4j,
  cleanUp,
  compareWithRebuild,
  latencyStats,
  median,
  rebuildReady,
  run,
  startApi,
  stopApi,
  writeResults,
} from './harness';

const DATABASE = 'neo4j';
type Pass = 'after upkeep' | 'after none' | 'before upkeep';

const MUTATION =
  'mutation ($id: ID!, $v: Boolean!) { updateAnnualReports(where: { id: { eq: $id } }, update: { hasRdInstitution: { set: $v } }) { annualReports { id } } }';

/** The annual reports of the firms of each county, most reports first: one county a writer. */
async function reportsByCounty(driver: Driver, counties: number): Promise<string[][]> {
  const result = await runAutoCommit(
    driver,
    DATABASE,
    `MATCH (county:Region)<-[:LOCATED_IN]-(:Enterprise)-[:HAS_REPORT]->(r:AnnualReport)
     WHERE r.revenue >= 100000000
     WITH county, collect(r.id) AS reports
     RETURN reports ORDER BY size(reports) DESC, county.code LIMIT $n`,
    { n: neo4j.int(counties) },
  );
  const lists = result.records.map((r) => r.get('reports') as string[]);
  if (lists.length < counties) throw new Error(`only ${lists.length} counties with reports; ${counties} needed`);
  return lists;
}

async function post(url: string, variables: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
    body: JSON.stringify({ query: MUTATION, variables }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`mutation: ${body.errors.map((e) => e.message).join('; ')}`);
}

/** `writers` writers, each on its own county's reports, back to back for `seconds`. */
async function writeFor(url: string, pools: string[][], writers: number, seconds: number) {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    pools.slice(0, writers).map(async (pool, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const t = process.hrtime.bigint();
        await post(url, { id: pool[i % pool.length], v: (i + w) % 2 === 0 });
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  return latencyStats(latencies, Number(process.hrtime.bigint() - started) / 1e9);
}

/** Removes the aggregates' state node (a graph never built: the upkeep does nothing) and gives it back. */
async function withoutState<T>(driver: Driver, work: () => Promise<T>): Promise<T> {
  const saved = await runAutoCommit(
    driver,
    DATABASE,
    "MATCH (s:AggregateState {id: 'aggregates'}) WITH s, properties(s) AS p DELETE s RETURN p",
  );
  const properties = saved.records[0]?.get('p') as Record<string, unknown> | undefined;
  if (properties === undefined) throw new Error('no aggregates state to remove');
  try {
    return await work();
  } finally {
    await runAutoCommit(driver, DATABASE, 'CREATE (s:AggregateState) SET s = $p', { p: properties });
  }
}

run(async () => {
  const scale = Number(arg('scale', '1'));
  const seconds = Number(arg('seconds', '8'));
  const rounds = Number(arg('rounds', '3'));
  const writerCounts = arg('writers', '1,2,4').split(',').map(Number);
  const beforeRoot = arg('before', '');
  const { login, home, existing } = await benchNeo4j('writes', { heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver(login);
  const apis: ChildProcess[] = [];
  try {
    await migrate(driver, DATABASE);
    if (!existing) await loadSeed(driver, DATABASE, { scale });
    await rebuildReady(driver, DATABASE);
    const pools = await reportsByCounty(driver, Math.max(...writerCounts));
    const env = { AUTH_LOCAL_ROLE: 'editor', RESPONSE_CACHE_MB: '0' };
    const after = await startApi(login, env);
    apis.push(after.child);
    const before = beforeRoot === '' ? null : await startApi(login, env, path.resolve(beforeRoot));
    if (before !== null) apis.push(before.child);
    const passes: { pass: Pass; url: string }[] = [
      { pass: 'after upkeep', url: after.url },
      { pass: 'after none', url: after.url },
      ...(before === null ? [] : [{ pass: 'before upkeep' as const, url: before.url }]),
    ];
    // Warm-up: both JITs and Neo4j's plans, on every path.
    for (const { url } of passes) await writeFor(url, pools, 1, 3);
    await withoutState(driver, () => writeFor(after.url, pools, 1, 2));

    const cells = new Map<string, ReturnType<typeof latencyStats>[]>();
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? passes : [...passes].reverse();
      for (const writers of writerCounts) {
        for (const { pass, url } of order) {
          // One unmeasured second first: a rebuild (each round) changes the statistics, and Neo4j replans the
          // upkeep's statements on their next run (hundreds of ms, once) — a first start's cost, not a write's.
          const timed = async () => {
            await writeFor(url, pools, writers, 1);
            return writeFor(url, pools, writers, seconds);
          };
          const measured = pass === 'after none' ? await withoutState(driver, timed) : await timed();
          const key = `${pass}|${writers}`;
          cells.set(key, [...(cells.get(key) ?? []), measured]);
          console.error(
            `round ${round} ${pass} ×${writers}: ${measured.rps} writes/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms`,
          );
        }
      }
      // The passes without state left the counters behind: rebuilt before the next round's upkeep passes.
      await rebuildReady(driver, DATABASE);
    }
    // The last pass of the last round may have been without upkeep: run one with, then compare with a rebuild.
    await writeFor(after.url, pools, Math.max(...writerCounts), seconds);
    const exact = await compareWithRebuild(driver, DATABASE);
    if (!exact.exact) throw new Error(`the counters are not exact after concurrent writes: ${exact.differences}`);

    const rows = [...cells].map(([key, stats]) => {
      const [pass, writers] = key.split('|') as [Pass, string];
      return {
        pass,
        writers: Number(writers),
        writesPerSecond: median(stats.map((s) => s.rps)),
        p50: median(stats.map((s) => s.p50)),
        p99: median(stats.map((s) => s.p99)),
        rounds: stats,
      };
    });
    const at = (pass: Pass, writers: number) => rows.find((r) => r.pass === pass && r.writers === writers);
    const upkeepRatio = writerCounts.map((writers) => ({
      writers,
      ratio:
        Math.round(((at('after upkeep', writers)?.p50 ?? NaN) / (at('after none', writers)?.p50 ?? NaN)) * 100) / 100,
    }));
    console.log('| pass | writers | writes/s | p50 (ms) | p99 (ms) |');
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.pass} | ${r.writers} | ${r.writesPerSecond} | ${r.p50} | ${r.p99} |`);
    console.log(`upkeep ratio (p50 with ÷ without): ${upkeepRatio.map((u) => `×${u.writers}: ${u.ratio}`).join(', ')}`);
    console.log(`counters exact after the run: ${exact.exact} (${exact.counters} counters)`);
    writeResults('writes', {
      scale,
      seconds,
      rounds,
      before: beforeRoot || null,
      rows,
      upkeepRatio,
      exact: { exact: exact.exact, counters: exact.counters },
    });
  } finally {
    for (const child of apis) await stopApi(child);
    await driver.close();
    await cleanUp(undefined, home);
  }
});
