/**
 * Query latency benchmark: each analytical query sent through the GraphQL API (HTTP, the real server) and, side by
 * side in the same run, the same Cypher sent straight through neo4j-driver (the floor for this stack), at 1 and 8
 * concurrent clients. Loads the demo city at the given scale into a throw-away Neo4j first, or with --uri uses a
 * Neo4j that already holds the demo city at that scale (for example `npm run db:start && npm run seed -- --scale 1`).
 *
 * The API runs as in production: its own Node.js process (src/index.ts, NODE_ENV=production, log level warn), so
 * that the benchmark's HTTP client does not share the server's event loop. The direct path runs in this process.
 *
 * GraphQL is measured twice: with `Cache-Control: no-cache`, so that every request runs its query (the like-for-like
 * comparison with the direct path), and then as clients send it, answered by the response cache while the data is
 * unchanged (the "cached" columns: the latency of a repeated query; the first request of a query is always a miss).
 *
 * The three paths of a case run in `--rounds` rounds, in alternating order (direct, GraphQL, cached; then cached,
 * GraphQL, direct; …), so that the machine's drift hits them alike; a row reports each path's medians over the rounds.
 * The maintained aggregates are rebuilt first and must be ready before the first timed read and still ready, with no
 * rebuild between, after the last: metric and gap reads are then all answered from the counters, never some live.
 *
 *   npx tsx bench/queries.ts [--scale 1] [--requests 200] [--rounds 3] [--only metric,gap]
 *     [--uri bolt://127.0.0.1:7687] [--warmup 100]
 *
 * Prints a Markdown table and writes bench/results/queries-<scale>-<timestamp>.json. Budgets (DESIGN.md): GraphQL
 * p50 ≤ 1.5 × direct p50; gap and metric p99 ≤ 50 ms at scale 1 and ≤ 300 ms at scale 10 under 8 clients; a
 * depth-2 neighbourhood capped at 500 nodes p99 ≤ 50 ms.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { createDriver, freePort, migrate, readTx, startLocalNeo4j } from '../src/db';
import { benchCases, type BenchCase } from './cases';
import {
  arg,
  assertStillReady,
  cleanUp,
  graphqlRequest,
  measure,
  median,
  rebuildReady,
  run,
  startApi,
  stopApi,
  writeResults,
  type Stats,
} from './harness';

const DATABASE = 'neo4j';

async function directOnce(driver: Driver, c: BenchCase): Promise<void> {
  await readTx(driver, { database: DATABASE }, (tx) => c.direct(tx));
}

/** Each figure's median over the rounds. */
function medianStats(rounds: Stats[]): Stats {
  return {
    p50: median(rounds.map((s) => s.p50)),
    p99: median(rounds.map((s) => s.p99)),
    mean: median(rounds.map((s) => s.mean)),
    rps: median(rounds.map((s) => s.rps)),
  };
}

async function main(): Promise<void> {
  const scale = Number(arg('scale', '1'));
  const requests = Number(arg('requests', '200'));
  const rounds = Number(arg('rounds', '3'));
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error('--rounds must be 1 to 20');
  const only = arg('only', '').split(',').filter(Boolean);
  const existingUri = arg('uri', '');
  const warmup = Number(arg('warmup', '100'));
  const home = existingUri ? '' : mkdtempSync(path.join(os.tmpdir(), `ig-bench-q-${scale}-`));
  // --uri: a Neo4j of your own, its password in NEO4J_PASSWORD.
  const login = existingUri
    ? { uri: existingUri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' }
    : await startLocalNeo4j({ home, port: await freePort(), heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver(login);
  let api: ChildProcess | undefined;
  try {
    await migrate(driver, DATABASE);
    if (!existingUri) {
      const seeded = await loadSeed(driver, DATABASE, { scale });
      console.error(`seeded scale ${scale} in ${Math.round(seeded.ms / 1000)} s`);
    }
    // Before the API starts: its keeper rebuilds aggregates that are not ready, in the background, and reads would
    // switch from live to maintained in the middle of the run.
    const rebuilt = await rebuildReady(driver, DATABASE);
    console.error(`aggregates rebuilt in ${Math.round(rebuilt.ms / 1000)} s (${rebuilt.subjects} subjects): ready`);
    const started = await startApi(login);
    api = started.child;
    const url = started.url;

    const cases = benchCases(scale).filter((x) => only.length === 0 || only.includes(x.group));
    // Both JITs (Neo4j's JVM, the API's V8) compile hot paths only after many calls, and a freshly started server is
    // several times slower for the first hundreds of requests (measured: 8 ms then 3 ms p50 for one statement on the
    // same database). Every case runs `warmup` times on both paths before anything is measured.
    const t0 = Date.now();
    for (let i = 0; i < warmup; i++) {
      for (const c of cases) {
        await directOnce(driver, c);
        await graphqlRequest(url, c, false);
      }
    }
    console.error(`warm-up: ${warmup} rounds of ${cases.length} cases in ${Math.round((Date.now() - t0) / 1000)} s`);

    const readyBefore = await assertStillReady(driver, DATABASE, rebuilt.state, 'before the timed reads');
    const rows = [];
    for (const c of cases) {
      for (const clients of [1, 8]) {
        const paths: Record<'direct' | 'graphql' | 'cached', Stats[]> = { direct: [], graphql: [], cached: [] };
        let hits = 0;
        let sent = 0;
        const measurements = {
          direct: () => measure(requests, clients, () => directOnce(driver, c)),
          graphql: () => measure(requests, clients, () => graphqlRequest(url, c, false).then(() => undefined)),
          cached: () =>
            measure(requests, clients, async () => {
              sent += 1;
              if (await graphqlRequest(url, c, true)) hits += 1;
            }),
        };
        // Alternate the order over rounds so that machine noise and drift hit every path alike.
        for (let round = 0; round < rounds; round++) {
          const order = (['direct', 'graphql', 'cached'] as const).slice();
          if (round % 2 === 1) order.reverse();
          for (const p of order) paths[p].push(await measurements[p]());
        }
        const direct = medianStats(paths.direct);
        const graphql = medianStats(paths.graphql);
        const row = {
          case: c.name,
          group: c.group,
          scale,
          clients,
          direct,
          graphql,
          ratioP50: Math.round((graphql.p50 / direct.p50) * 100) / 100,
          /** The same requests answered by the response cache where it can (hits of the measured and warm-up ones). */
          cached: { ...medianStats(paths.cached), hits, of: sent },
          rounds: paths,
        };
        rows.push(row);
        console.error(JSON.stringify({ ...row, rounds: undefined }));
      }
    }
    const readyAfter = await assertStillReady(driver, DATABASE, readyBefore, 'after the timed reads');
    await stopApi(api);
    api = undefined;

    const table = [
      `Medians over ${rounds} rounds; the maintained aggregates ready throughout.`,
      '',
      `| query | clients | direct p50 / p99 (ms) | GraphQL p50 / p99 (ms) | GraphQL/direct p50 | GraphQL req/s | cached p50 / p99 (ms) | cache hits |`,
      `|---|---|---|---|---|---|---|---|`,
      ...rows.map(
        (r) =>
          `| ${r.case} | ${r.clients} | ${r.direct.p50} / ${r.direct.p99} | ${r.graphql.p50} / ${r.graphql.p99} | ${r.ratioP50} | ${r.graphql.rps} | ${r.cached.p50} / ${r.cached.p99} | ${r.cached.hits}/${r.cached.of} |`,
      ),
    ].join('\n');
    console.log(table);
    writeResults(`queries-${scale}`, {
      scale,
      requests,
      rounds,
      aggregates: { rebuildMs: rebuilt.ms, subjects: rebuilt.subjects, before: readyBefore, after: readyAfter },
      rows,
    });
  } finally {
    await driver.close();
    await cleanUp(api, home);
  }
}

run(main);
