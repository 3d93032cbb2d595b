/**
 * Maintained aggregates benchmark (issue #15): at each scale, on a throw-away Neo4j, loads the demo city, rebuilds the
 * aggregates (timed), then measures side by side in one run:
 *
 * - reads, uncached (`Cache-Control: no-cache`) through the API: the floor query, `metric` for every MetricName and
 *   the first page (50) of every gap list, each from the maintained counters and entries; and the same numbers
 *   computed by the live statements straight through the driver (what every request cost before) — p50 / p99 at one
 *   client, and each read's p50 over the floor's;
 * - writes, with and without upkeep, in alternating rounds: a generated mutation over HTTP that changes what a
 *   metric counts (an annual report's flag), and a 10,000-row `enterprises` import followed by its undo (in-process).
 *   "Without" is the same work with the aggregates' state set to stale: the upkeep then reads the state node (one
 *   statement, which also locks the nodes the write names) and does nothing else — no subjects found, no refresh
 *   (before #27 it still found the subjects twice and took the global lock). The counters are not read by a write,
 *   so their exactness does not change its cost. An import's upkeep refreshes every subject in its own transaction
 *   (no catch-up after it since #27): its ratio is the whole cost.
 *
 * - the annual report (#28): `GET /export/report?year=2024` (figures, charts, Word document) end to end, --reportRounds
 *   times.
 *
 * Also reports the seed load time, the rebuild time, the store size on disk and the aggregates' share of the nodes.
 *
 *   npx tsx bench/aggregates.ts [--scales 1,10] [--requests 100] [--liveRequests 20] [--writes 40] [--rows 10000]
 *     [--importRounds 2] [--uri bolt://127.0.0.1:7698 --scales 50]
 *
 * With --uri (password in NEO4J_PASSWORD) the bench runs on your own Neo4j, already seeded at the one scale given:
 * the seed is neither run nor timed, the store not measured; the rebuild and everything after are as without.
 *
 * Writes bench/results/aggregates-<timestamp>.json; compare with bench/baseline/aggregates.json.
 * Budgets (issue #15): maintained reads p50 ≤ 3 × the floor at scales 10 and 50; upkeep adds ≤ 30 % to a write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { catchUpAggregates } from '../src/aggregates/catchUp';
import { rebuildAggregates } from '../src/aggregates/rebuild';
import { createDriver, migrate, readTx, runAutoCommit } from '../src/db';
import { runImport, undoImport } from '../src/import';
import { AVAILABLE_METRICS, computeMetricLive } from '../src/queries/metrics';
import { loadCypher } from '../src/db/loadCypher';
import { arg, benchNeo4j, cleanUp, measure, median, run, startApi, stopApi, writeResults, type Stats } from './harness';
import { cityRegister } from './workbook';

const DATABASE = 'neo4j';
const READY = "EXISTS { (:AggregateState {id: 'aggregates', mode: 'ready'}) }";

/** Each gap list: its field, its statement, and the default arguments a first page is asked with. */
const GAPS: [string, Record<string, unknown>][] = [
  ['enterprisesWithoutRdInstitution', { minRevenue: neo4j.int(100_000_000) }],
  ['enterprisesWithoutLandmarkAchievement', { minRevenue: neo4j.int(500_000_000), withinYears: neo4j.int(3) }],
  ['enterprisesWithoutConsortium', { minRevenue: neo4j.int(1_000_000_000) }],
  ['enterprisesNotTechLeader', { minRevenue: neo4j.int(10_000_000_000) }],
  ['enterprisesMissingFourHaves', {}],
  ['chainsWithoutLabPartner', {}],
  ['chainsWithoutUniversityPartner', {}],
  ['chainSegmentsWithoutEnterprise', {}],
];

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`${query}: ${body.errors.map((e) => e.message).join('; ')}`);
}

const setMode = (driver: Driver, mode: string) =>
  runAutoCommit(driver, DATABASE, "MATCH (s:AggregateState {id: 'aggregates'}) SET s.mode = $mode", { mode });

const du = (dir: string): number => Number(execFileSync('du', ['-sk', dir]).toString().split('\t')[0]) * 1024;

async function atScale(
  scale: number,
  o: {
    requests: number;
    liveRequests: number;
    writes: number;
    rows: number;
    importRounds: number;
    reportRounds: number;
  },
) {
  const big = scale >= 20;
  // With --uri: a Neo4j of your own already holding the demo city at this scale (npm run seed -- --scale N): not
  // seeded again (a scale-50 seed takes minutes), the store's size not measured.
  const {
    login: info,
    home,
    existing,
  } = await benchNeo4j(`agg-${scale}`, {
    heapMb: big ? 6144 : 2048,
    pageCacheMb: big ? 6144 : 1024,
    txTimeoutSeconds: 3600,
  });
  // The workbook's folder: the throw-away Neo4j's home, or a temporary one beside your own.
  const dir = existing ? mkdtempSync(path.join(os.tmpdir(), `ig-bench-agg-${scale}-`)) : home;
  const driver = createDriver(info);
  let api: Awaited<ReturnType<typeof startApi>>['child'] | undefined;
  try {
    await migrate(driver, DATABASE);
    const seeded = existing ? { nodes: 0, relationships: 0, ms: 0 } : await loadSeed(driver, DATABASE, { scale });
    if (!existing)
      console.error(`scale ${scale}: seeded ${seeded.nodes + seeded.relationships} items in ${seeded.ms} ms`);
    const storeBefore = existing ? 0 : du(home);
    const rebuilt = await rebuildAggregates(driver, DATABASE, (done, total) => {
      if (done === total || done % 100_000 < 1_000) console.error(`  rebuild ${done}/${total}`);
    });
    if (!rebuilt.rebuilt) throw new Error(`rebuild refused: ${rebuilt.reason}`);
    await runAutoCommit(driver, DATABASE, 'CALL db.checkpoint()').catch(() => undefined);
    const storeAfter = existing ? 0 : du(home);
    const counts = await runAutoCommit(
      driver,
      DATABASE,
      `CALL () { MATCH (n) RETURN count(n) AS nodes }
       CALL () { MATCH (a) WHERE a:Contribution OR a:Aggregate OR a:GapEntry RETURN count(a) AS aggregateNodes }
       RETURN nodes, aggregateNodes`,
    );
    const nodes = Number(counts.records[0]?.get('nodes'));
    const aggregateNodes = Number(counts.records[0]?.get('aggregateNodes'));
    const started = await startApi(info, { QUERY_TIMEOUT_MS: '600000', AUTH_LOCAL_ROLE: 'editor' });
    api = started.child;
    const { url } = started;

    // ---- reads ----
    const reads: { name: string; served: Stats; live: Stats | null }[] = [];
    const floorQuery = '{ regions(where: { code: { eq: "410402" } }) { code } }';
    // The figures the dashboard and the annual report draw (#28): each from the counters in one statement, against
    // the live statements cell by cell; the matrix (1,008 counts) is served from the counters only, so has no live.
    const liveCells = (cells: [string, number, string | null, string | null][]) => () =>
      readTx(driver, { database: DATABASE }, async (tx) => {
        for (const [name, year, regionCode, chainId] of cells) {
          await computeMetricLive(tx, name as (typeof AVAILABLE_METRICS)[number], { year, regionCode, chainId });
        }
      });
    const regionCodes = (
      await runAutoCommit(
        driver,
        DATABASE,
        "MATCH (r:Region)-[:PART_OF]->(:Region {code: '410400'}) RETURN r.code AS c",
      )
    ).records.map((r) => r.get('c') as string);
    const chainIds = (await runAutoCommit(driver, DATABASE, 'MATCH (c:IndustryChain) RETURN c.id AS c')).records.map(
      (r) => r.get('c') as string,
    );
    const figureCases = [
      {
        name: 'metricSeries FOUR_HAVES_COVERAGE 2020–2024',
        served: () =>
          graphql(
            url,
            '{ metricSeries(name: FOUR_HAVES_COVERAGE, from: 2020, to: 2024, regionCode: "410400") { points { value } } }',
          ),
        live: liveCells([2020, 2021, 2022, 2023, 2024].map((y) => ['FOUR_HAVES_COVERAGE', y, '410400', null])),
      },
      {
        name: 'metricBreakdown FOUR_HAVES_COVERAGE by COUNTY',
        served: () =>
          graphql(
            url,
            '{ metricBreakdown(name: FOUR_HAVES_COVERAGE, year: 2024, by: COUNTY) { total { value } rows { metric { value } } } }',
          ),
        live: liveCells([null, ...regionCodes].map((r) => ['FOUR_HAVES_COVERAGE', 2024, r, null])),
      },
      {
        name: 'metricBreakdown HIGH_TECH_ENTERPRISES by CHAIN',
        served: () =>
          graphql(
            url,
            '{ metricBreakdown(name: HIGH_TECH_ENTERPRISES, year: 2024, by: CHAIN) { total { value } rows { metric { value } } } }',
          ),
        live: liveCells([null, ...chainIds].map((c) => ['HIGH_TECH_ENTERPRISES', 2024, null, c])),
      },
      {
        name: 'chainCountyMatrix 2024',
        served: () => graphql(url, '{ chainCountyMatrix(year: 2024) { cells { enterprises gaps { missing } } } }'),
        live: undefined,
      },
    ];
    const cases: { name: string; served: () => Promise<void>; live?: () => Promise<unknown> }[] = [
      ...figureCases,
      ...AVAILABLE_METRICS.map((name) => ({
        name: `metric ${name}`,
        served: () =>
          graphql(url, 'query ($name: MetricName!) { metric(name: $name, year: 2024) { value } }', { name }),
        live: () =>
          readTx(driver, { database: DATABASE }, (tx) =>
            computeMetricLive(tx, name, { year: 2024, regionCode: null, chainId: null }),
          ),
      })),
      ...GAPS.map(([field, params]) => ({
        name: `gap ${field}`,
        served: () =>
          graphql(
            url,
            `{ ${field}(limit: 50${field === 'enterprisesMissingFourHaves' ? ', year: 2024' : ''}) { id } }`,
          ),
        live: () =>
          readTx(driver, { database: DATABASE }, (tx) =>
            tx.run(loadCypher('gaps', `${field}.cypher`).replaceAll(READY, 'false'), {
              year: field === 'enterprisesMissingFourHaves' ? neo4j.int(2024) : null,
              regionCode: null,
              chainId: null,
              limit: neo4j.int(50),
              offset: neo4j.int(0),
              ...params,
            }),
          ),
      })),
    ];
    // Warm-up: both JITs compile hot paths only after many calls (bench/README.md).
    for (let i = 0; i < 30; i++) {
      await graphql(url, floorQuery);
      for (const c of cases) await c.served();
    }
    for (const c of cases) for (let i = 0; i < 3; i++) await c.live?.();
    const floors: Stats[] = [];
    for (const c of cases) {
      // The floor is measured again next to every case, so that each ratio is of two numbers taken together.
      const floor = await measure(o.requests, 1, () => graphql(url, floorQuery));
      floors.push(floor);
      const served = await measure(o.requests, 1, c.served);
      const { live: liveRead } = c;
      const live = liveRead ? await measure(o.liveRequests, 1, () => liveRead().then(() => undefined)) : null;
      reads.push({ name: c.name, served: { ...served }, live });
      const ratio = Math.round((served.p50 / floor.p50) * 100) / 100;
      console.error(
        `  ${c.name}: served p50 ${served.p50} ms (${ratio}× floor ${floor.p50}), live p50 ${live?.p50 ?? '—'} ms`,
      );
    }

    // ---- the annual report (#28): GET /export/report, figures, charts and the Word document ----
    const reportMs: number[] = [];
    for (let i = 0; i < o.reportRounds; i++) {
      const t0 = performance.now();
      const response = await fetch(`${url.replace(/\/graphql$/, '')}/export/report?year=2024`);
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200) throw new Error(`GET /export/report answered ${response.status}`);
      reportMs.push(Math.round(performance.now() - t0));
      console.error(`  report ${i + 1}: ${reportMs.at(-1)} ms, ${Math.round(bytes / 1024)} KiB`);
    }

    // ---- writes: a mutation ----
    const firms = await runAutoCommit(
      driver,
      DATABASE,
      `MATCH (e:Enterprise)-[:HAS_REPORT]->(r:AnnualReport {year: 2024, aboveScale: true})
       RETURN r.id AS report ORDER BY r.id LIMIT 200`,
    );
    const reports = firms.records.map((r) => r.get('report') as string);
    let flip = false;
    const mutate = () => {
      flip = !flip;
      const report = reports[Math.floor(Math.random() * reports.length)];
      return graphql(
        url,
        'mutation ($id: ID!, $v: Boolean!) { updateAnnualReports(where: { id: { eq: $id } }, update: { hasRdStaff: { set: $v } }) { annualReports { id } } }',
        { id: report, v: flip },
      );
    };
    const mutations: { upkeep: Stats[]; none: Stats[] } = { upkeep: [], none: [] };
    for (let round = 0; round < 3; round++) {
      await setMode(driver, 'ready');
      mutations.upkeep.push(await measure(o.writes, 1, mutate));
      await setMode(driver, 'stale');
      mutations.none.push(await measure(o.writes, 1, mutate));
    }
    await stopApi(api);
    api = undefined;

    // ---- writes: a 10,000-row import and its undo ----
    const file = await cityRegister(driver, dir, o.rows);
    const bytes = (await import('node:fs')).readFileSync(file);
    const subject = { actor: 'bench', roles: ['admin'], operation: 'import enterprises', requestId: null };
    // Since #27 an import refreshes its subjects in its own transaction; a catch-up (src/aggregates/catchUp.ts) finds
    // nothing pending. It is still timed apart, and counted in the ratios (with catch-up), so that a regression to
    // a deferred refresh would show.
    const importRound = async (upkeep: boolean) => {
      const t0 = Date.now();
      const report = await runImport(
        driver,
        { database: DATABASE, timeoutMs: 3_600_000 },
        { bytes, fileName: 'register-2025.xlsx', kind: 'enterprises', subject },
      );
      const importMs = Date.now() - t0;
      if (!report.applied || report.batchId === null) throw new Error('bench import not applied');
      const c0 = Date.now();
      if (upkeep) await catchUpAggregates(driver, DATABASE);
      const importCatchUpMs = Date.now() - c0;
      const t1 = Date.now();
      await undoImport(driver, { database: DATABASE, timeoutMs: 3_600_000 }, report.batchId, subject);
      const undoMs = Date.now() - t1;
      const c1 = Date.now();
      if (upkeep) await catchUpAggregates(driver, DATABASE);
      return { importMs, importCatchUpMs, undoMs, undoCatchUpMs: Date.now() - c1 };
    };
    type Round = Awaited<ReturnType<typeof importRound>>;
    const imports: { upkeep: Round[]; none: Round[] } = { upkeep: [], none: [] };
    // An import that fails (e.g. Neo4j's per-transaction memory limit) is reported with its error, not thrown: the
    // reads and the mutation figures measured before it are kept.
    let importError: string | null = null;
    try {
      for (let round = 0; round < o.importRounds; round++) {
        await setMode(driver, 'ready');
        imports.upkeep.push(await importRound(true));
        await setMode(driver, 'stale');
        imports.none.push(await importRound(false));
      }
    } catch (error) {
      importError =
        error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : String(error);
      console.error(`scale ${scale}: the ${o.rows}-row import failed: ${importError}`);
    }
    const p50s = (xs: Stats[]) => median(xs.map((s) => s.p50));
    return {
      scale,
      seed: { items: seeded.nodes + seeded.relationships, ms: seeded.ms },
      rebuild: { subjects: rebuilt.subjects, ms: rebuilt.ms },
      store: { beforeAggregatesBytes: storeBefore, afterBytes: storeAfter, nodes, aggregateNodes },
      neo4j: { heapMb: big ? 6144 : 2048, pageCacheMb: big ? 6144 : 1024 },
      reads: reads.map((r, i) => ({
        ...r,
        floor: floors[i],
        servedOverFloor: Math.round(((r.served.p50 as number) / (floors[i] as Stats).p50) * 100) / 100,
        liveOverFloor: r.live ? Math.round(((r.live.p50 as number) / (floors[i] as Stats).p50) * 100) / 100 : null,
      })),
      report: { ms: reportMs, medianMs: reportMs.length > 0 ? median(reportMs) : null },
      mutation: {
        upkeepP50: p50s(mutations.upkeep),
        noneP50: p50s(mutations.none),
        ratio: Math.round((p50s(mutations.upkeep) / p50s(mutations.none)) * 100) / 100,
        rounds: mutations,
      },
      import10k: {
        rows: o.rows,
        error: importError,
        upkeepMs: median(imports.upkeep.map((r) => r.importMs + r.importCatchUpMs)),
        noneMs: median(imports.none.map((r) => r.importMs)),
        // With the catch-up included (issue #27: a deferred refresh is part of a write's cost).
        importRatio:
          Math.round(
            (median(imports.upkeep.map((r) => r.importMs + r.importCatchUpMs)) /
              median(imports.none.map((r) => r.importMs))) *
              100,
          ) / 100,
        undoRatio:
          Math.round(
            (median(imports.upkeep.map((r) => r.undoMs + r.undoCatchUpMs)) /
              median(imports.none.map((r) => r.undoMs))) *
              100,
          ) / 100,
        catchUpMs: median(imports.upkeep.map((r) => r.importCatchUpMs)),
        rounds: imports,
      },
    };
  } finally {
    if (api !== undefined) await stopApi(api);
    await driver.close();
    if (existing) rmSync(dir, { recursive: true, force: true });
    await cleanUp(undefined, home);
  }
}

run(async () => {
  const scales = arg('scales', '1,10').split(',').map(Number);
  const o = {
    requests: Number(arg('requests', '100')),
    liveRequests: Number(arg('liveRequests', '20')),
    writes: Number(arg('writes', '40')),
    rows: Number(arg('rows', '10000')),
    importRounds: Number(arg('importRounds', '2')),
    reportRounds: Number(arg('reportRounds', '3')),
  };
  const results = [];
  for (const scale of scales) results.push(await atScale(scale, o));
  const table = [
    '| scale | read | served p50 (ms) | floor p50 (ms) | served / floor | live p50 (ms) | live / floor |',
    '|---|---|---|---|---|---|---|',
    ...results.flatMap((r) =>
      r.reads.map(
        (x) =>
          `| ${r.scale} | ${x.name} | ${x.served.p50} | ${x.floor?.p50} | ${x.servedOverFloor} | ${x.live?.p50 ?? '—'} | ${x.liveOverFloor ?? '—'} |`,
      ),
    ),
  ].join('\n');
  console.log(table);
  for (const r of results) {
    console.log(
      `scale ${r.scale}: seed ${Math.round(r.seed.ms / 1000)} s, rebuild ${Math.round(r.rebuild.ms / 1000)} s (${r.rebuild.subjects} subjects), store ${Math.round(r.store.beforeAggregatesBytes / 1e6)} → ${Math.round(r.store.afterBytes / 1e6)} MB, aggregate nodes ${r.store.aggregateNodes}/${r.store.nodes}; report ${r.report.medianMs} ms; mutation p50 ${r.mutation.upkeepP50} vs ${r.mutation.noneP50} ms (×${r.mutation.ratio}); import ${r.import10k.upkeepMs} vs ${r.import10k.noneMs} ms (×${r.import10k.importRatio}), undo ×${r.import10k.undoRatio}, catch-up after the import ${r.import10k.catchUpMs} ms`,
    );
  }
  writeResults('aggregates', { ...o, results });
});
