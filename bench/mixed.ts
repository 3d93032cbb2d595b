/**
 * Mixed-load benchmark (issue #27): what writes do to a dashboard's reads. On a throw-away Neo4j with the demo city at
 * scale 1 (or `--uri`, a Neo4j of your own that holds it, its password in NEO4J_PASSWORD) and the maintained
 * aggregates rebuilt and ready, one API process (src/index.ts, as in production; local mode as an editor) serves:
 *
 * - a read-only pass: `--readers` concurrent readers (closed loop, uncached) cycling through dashboard reads — the
 *   `metric`, `targetReview` and gap-list first-page cases of bench/cases.ts — for `--seconds`;
 * - a mixed pass: the same readers while `--writers` writers send generated mutations (closed loop, each on firms of
 *   its own: an annual report's revenue across the R1–R4 thresholds, then the firm's `backbone` flag, alternately) and
 *   one `--rows`-row `enterprises` import runs in its own process (bench/importWorker.ts, on other firms; with its
 *   catch-up). The pass lasts `--seconds`, or until the import and its catch-up are done if that is later (at most
 *   10 minutes). The import is undone after the pass (timed apart), so that every round starts from the same graph;
 *
 * in alternating order over `--rounds` rounds (read-only first in even rounds, mixed first in odd ones). Each pass
 * must start with the aggregates ready; a read-only pass must end ready with no rebuild between; a mixed pass may
 * leave them pending (the import's catch-up, or the API's keeper, brings them back: the run waits at most 2 minutes).
 * At the end the counters and gap entries, as the writes' upkeep left them, must equal a rebuild's.
 *
 *   npx tsx bench/mixed.ts [--uri bolt://127.0.0.1:7687] [--seconds 20] [--rounds 2] [--readers 8] [--writers 2]
 *     [--rows 2000] [--warmup 5]
 *
 * Reports readers' p50/p99 per pass (all reads, and per group), the p99 ratio mixed ÷ read-only (per round and of
 * the medians), writes/s, writers' p50/p99, the import's and undo's times (with and without catch-up), the share of
 * the mixed pass the aggregates spent in each mode (reads are live while they are pending), and the exactness check.
 * Writes bench/results/mixed-<timestamp>.json. Traffic goes only to 127.0.0.1 (the API, the throw-away Neo4j).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { catchUpAggregates } from '../src/aggregates/catchUp';
import { aggregatesMode } from '../src/aggregates/rebuild';
import { createDriver, migrate, runAutoCommit } from '../src/db';
import { fromRoot } from '../src/paths';
import { benchCases } from './cases';
import {
  arg,
  assertAggregatesReady,
  assertStillReady,
  benchNeo4j,
  cleanUp,
  compareWithRebuild,
  graphqlRequest,
  latencyStats,
  median,
  rebuildReady,
  run,
  startApi,
  writeResults,
} from './harness';
import { cityRegister } from './workbook';

const DATABASE = 'neo4j';
const exec = promisify(execFile);
/** A pass never runs longer than this, whatever the import does. */
const PASS_CAP_MS = 600_000;
/** Requests one reader or writer sends in a pass at most (a bound in count beside the bound in time). */
const MAX_REQUESTS = 200_000;

/** A generated mutation over HTTP (never cached, so no x-cache to check); throws with the errors of the answer. */
async function mutation(url: string, query: string, variables: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

/** One firm a writer changes: its 2024 annual report and itself. */
interface WriteTarget {
  enterprise: string;
  report: string;
}

const REVENUE_MUTATION = `mutation ($id: ID!, $revenue: BigInt!) {
  updateAnnualReports(where: { id: { eq: $id } }, update: { revenue: { set: $revenue } }) { annualReports { id } } }`;
const BACKBONE_MUTATION = `mutation ($id: ID!, $backbone: Boolean!) {
  updateEnterprises(where: { id: { eq: $id } }, update: { backbone: { set: $backbone } }) { enterprises { id } } }`;

run(async () => {
  const o = {
    seconds: Number(arg('seconds', '20')),
    rounds: Number(arg('rounds', '2')),
    readers: Number(arg('readers', '8')),
    writers: Number(arg('writers', '2')),
    rows: Number(arg('rows', '2000')),
    warmup: Number(arg('warmup', '5')),
  };
  if (!(o.seconds > 0 && o.seconds <= 300)) throw new Error('--seconds must be in (0, 300]');
  if (!(Number.isInteger(o.rounds) && o.rounds >= 1 && o.rounds <= 10)) throw new Error('--rounds must be 1 to 10');
  if (!(o.readers >= 1 && o.readers <= 64 && o.writers >= 1 && o.writers <= 16)) {
    throw new Error('--readers must be 1 to 64, --writers 1 to 16');
  }
  const { login, home, existing } = await benchNeo4j('mixed', { heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver(login);
  const work = mkdtempSync(path.join(os.tmpdir(), 'ig-bench-mixed-work-'));
  let api: Awaited<ReturnType<typeof startApi>>['child'] | undefined;
  try {
    await migrate(driver, DATABASE);
    if (!existing) {
      const seeded = await loadSeed(driver, DATABASE, { scale: 1 });
      console.error(`seeded scale 1 in ${Math.round(seeded.ms / 1000)} s`);
    }
    const rebuilt = await rebuildReady(driver, DATABASE);
    console.error(`aggregates rebuilt in ${Math.round(rebuilt.ms / 1000)} s: ready`);

    // The import takes the first 80 % of `rows` firms by id (bench/workbook.ts); the writers take firms from the
    // other end, so that the import's undo finds nothing of its own changed since (it would refuse).
    const importedFirms = Math.round(o.rows * 0.8);
    const perWriter = 20;
    const candidates = await runAutoCommit(
      driver,
      DATABASE,
      `MATCH (e:Enterprise) WHERE e.creditCode IS NOT NULL
       WITH e ORDER BY e.id
       WITH collect(e) AS firms
       UNWIND firms[$skip..] AS e
       MATCH (e)-[:HAS_REPORT]->(r:AnnualReport {year: 2024, aboveScale: true})
       RETURN e.id AS enterprise, r.id AS report ORDER BY e.id DESC LIMIT $n`,
      { skip: neo4j.int(importedFirms), n: neo4j.int(perWriter * o.writers) },
    );
    const targets: WriteTarget[] = candidates.records.map((r) => ({
      enterprise: r.get('enterprise') as string,
      report: r.get('report') as string,
    }));
    if (targets.length < perWriter * o.writers) {
      throw new Error(`only ${targets.length} firms left beside the import's ${importedFirms} for the writers`);
    }
    const file = await cityRegister(driver, work, o.rows);

    const started = await startApi(login, { AUTH_LOCAL_ROLE: 'editor', QUERY_TIMEOUT_MS: '60000' });
    api = started.child;
    const { url } = started;
    const cases = benchCases(1).filter((c) => c.group === 'metric' || c.group === 'review' || c.group === 'gap');

    const mutate = async (writer: number, i: number): Promise<void> => {
      const mine = targets.filter((_, k) => k % o.writers === writer);
      const target = mine[Math.floor(i / 2) % mine.length] as WriteTarget;
      // Each firm's values alternate from one visit to the next: every write changes what the counters count.
      const flip = Math.floor(i / (2 * mine.length)) % 2 === 0;
      const request =
        i % 2 === 0
          ? {
              query: REVENUE_MUTATION,
              variables: { id: target.report, revenue: flip ? '50000000' : '2000000000' },
            }
          : { query: BACKBONE_MUTATION, variables: { id: target.enterprise, backbone: flip } };
      await mutation(url, request.query, request.variables);
    };

    // Warm-up: both JITs compile hot paths only after many calls (bench/README.md).
    for (let i = 0; i < o.warmup; i++) for (const c of cases) await graphqlRequest(url, c, false);
    for (let w = 0; w < o.writers; w++) for (let i = 0; i < 4; i++) await mutate(w, i);
    await assertAggregatesReady(driver, DATABASE, 'after the warm-up');

    const worker = async (args: string[]) => {
      const t0 = Date.now();
      const { stdout } = await exec(
        process.execPath,
        [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('bench', 'importWorker.ts'), login.uri, ...args],
        { cwd: fromRoot(), env: { ...process.env, NEO4J_PASSWORD: login.password }, maxBuffer: 10_000_000 },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop() as string) as {
        ms: number;
        writeOnlyMs: number;
        catchUpMs: number;
        batchId?: string | null;
      } & Record<string, unknown>;
      return { ...result, wallMs: Date.now() - t0 };
    };

    /** Waits until the aggregates are ready again after a mixed pass: pending is caught up; anything else fails. */
    const settle = async (): Promise<{ waitedMs: number; caughtUp: number }> => {
      const t0 = Date.now();
      let caughtUp = 0;
      while (Date.now() - t0 < 120_000) {
        const mode = await aggregatesMode(driver, DATABASE);
        if (mode === 'ready') return { waitedMs: Date.now() - t0, caughtUp };
        if (mode === 'pending') caughtUp += await catchUpAggregates(driver, DATABASE);
        else if (mode !== 'building') throw new Error(`after the mixed pass the aggregates are ${mode}`);
        await sleep(250);
      }
      throw new Error('the aggregates were not ready 2 minutes after the mixed pass');
    };

    const pass = async (kind: 'read-only' | 'mixed', round: number) => {
      const before = await assertAggregatesReady(driver, DATABASE, `before the ${kind} pass of round ${round}`);
      const latencies: number[] = [];
      const byGroup = new Map<string, number[]>();
      const writeLatencies: number[] = [];
      const errors: string[] = [];
      const modeMs = new Map<string, number>();
      let stopped = false;
      const t0 = Date.now();
      const readers = Array.from({ length: o.readers }, async (_, r) => {
        for (let i = 0; !stopped && i < MAX_REQUESTS; i++) {
          const c = cases[(r * 3 + i) % cases.length]!;
          const t = process.hrtime.bigint();
          try {
            await graphqlRequest(url, c, false);
          } catch (error) {
            errors.push(`read ${c.name}: ${(error as Error).message}`);
            continue;
          }
          const ms = Number(process.hrtime.bigint() - t) / 1e6;
          latencies.push(ms);
          const group = byGroup.get(c.group) ?? [];
          group.push(ms);
          byGroup.set(c.group, group);
        }
      });
      const writers =
        kind === 'read-only'
          ? []
          : Array.from({ length: o.writers }, async (_, w) => {
              for (let i = 0; !stopped && i < MAX_REQUESTS; i++) {
                const t = process.hrtime.bigint();
                try {
                  await mutate(w, round * 100_000 + i);
                } catch (error) {
                  errors.push(`write: ${(error as Error).message}`);
                  continue;
                }
                writeLatencies.push(Number(process.hrtime.bigint() - t) / 1e6);
              }
            });
      const imported = kind === 'read-only' ? null : worker([file]);
      // The aggregates' mode through the pass: while they are pending, metric and gap reads are live.
      const watching = (async () => {
        let last = Date.now();
        while (!stopped) {
          const mode = (await aggregatesMode(driver, DATABASE)) ?? 'never built';
          await sleep(250);
          const now = Date.now();
          modeMs.set(mode, (modeMs.get(mode) ?? 0) + (now - last));
          last = now;
        }
      })();
      await sleep(o.seconds * 1000);
      let importResult: Awaited<ReturnType<typeof worker>> | null = null;
      if (imported !== null) {
        let cap: NodeJS.Timeout | undefined;
        const capped = await Promise.race([
          imported,
          new Promise<null>((resolve) => (cap = setTimeout(() => resolve(null), PASS_CAP_MS - (Date.now() - t0)))),
        ]);
        clearTimeout(cap);
        if (capped === null) throw new Error(`the import did not end within ${PASS_CAP_MS / 1000} s`);
        importResult = capped;
      }
      stopped = true;
      await Promise.all([...readers, ...writers, watching]);
      const seconds = (Date.now() - t0) / 1000;
      if (kind === 'read-only')
        await assertStillReady(driver, DATABASE, before, `after the read-only pass of round ${round}`);
      const settled = kind === 'mixed' ? await settle() : null;
      let undo = null;
      if (importResult !== null) {
        if (typeof importResult.batchId !== 'string') throw new Error('the import wrote no batch');
        undo = await worker(['--undo', importResult.batchId]);
        await assertAggregatesReady(driver, DATABASE, `after the undo of round ${round}`);
      }
      const result = {
        kind,
        round,
        seconds: Math.round(seconds * 10) / 10,
        readers: latencyStats(latencies, seconds),
        groups: Object.fromEntries([...byGroup].map(([g, xs]) => [g, latencyStats(xs, seconds)])),
        writes:
          kind === 'mixed'
            ? {
                ...latencyStats(writeLatencies, seconds),
                perSecond: Math.round((writeLatencies.length / seconds) * 10) / 10,
              }
            : null,
        import: importResult,
        undo,
        aggregatesModeMs: Object.fromEntries(modeMs),
        settled,
        errors: errors.length,
        firstErrors: errors.slice(0, 5),
      };
      console.error(JSON.stringify({ ...result, groups: undefined }));
      return result;
    };

    const passes: Awaited<ReturnType<typeof pass>>[] = [];
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 === 0 ? (['read-only', 'mixed'] as const) : (['mixed', 'read-only'] as const);
      for (const kind of order) passes.push(await pass(kind, round));
    }

    // The end: ready, and every counter and gap entry as a rebuild from the graph makes them.
    const exactness = await compareWithRebuild(driver, DATABASE);

    const of = (kind: string) => passes.filter((p) => p.kind === kind);
    const readOnly = of('read-only');
    const mixed = of('mixed');
    const perRound = Array.from({ length: o.rounds }, (_, round) => {
      const [r, m] = [readOnly[round]!, mixed[round]!];
      return {
        round,
        readOnly: { p50: r.readers.p50, p99: r.readers.p99 },
        mixed: { p50: m.readers.p50, p99: m.readers.p99 },
        p99Ratio: ratio(m.readers.p99, r.readers.p99),
        p50Ratio: ratio(m.readers.p50, r.readers.p50),
      };
    });
    const summary = {
      readOnlyP50: median(readOnly.map((p) => p.readers.p50)),
      readOnlyP99: median(readOnly.map((p) => p.readers.p99)),
      mixedP50: median(mixed.map((p) => p.readers.p50)),
      mixedP99: median(mixed.map((p) => p.readers.p99)),
      p99Ratio: ratio(median(mixed.map((p) => p.readers.p99)), median(readOnly.map((p) => p.readers.p99))),
      p50Ratio: ratio(median(mixed.map((p) => p.readers.p50)), median(readOnly.map((p) => p.readers.p50))),
      writesPerSecond: median(mixed.map((p) => p.writes?.perSecond ?? NaN)),
      writeP50: median(mixed.map((p) => p.writes?.p50 ?? NaN)),
      writeP99: median(mixed.map((p) => p.writes?.p99 ?? NaN)),
      importMs: median(mixed.map((p) => p.import?.ms ?? NaN)),
      importCatchUpMs: median(mixed.map((p) => p.import?.catchUpMs ?? NaN)),
      undoMs: median(mixed.map((p) => p.undo?.ms ?? NaN)),
      errors: passes.reduce((sum, p) => sum + p.errors, 0),
      exact: exactness.exact,
    };
    console.log(
      [
        `| pass | readers p50 / p99 (ms) | reads/s | writes/s | write p50 / p99 (ms) | import ms (catch-up) | pending ms |`,
        `|---|---|---|---|---|---|---|`,
        ...passes.map(
          (p) =>
            `| ${p.round} ${p.kind} | ${p.readers.p50} / ${p.readers.p99} | ${p.readers.rps} | ${p.writes?.perSecond ?? '—'} | ${p.writes ? `${p.writes.p50} / ${p.writes.p99}` : '—'} | ${p.import ? `${p.import.ms} (${p.import.catchUpMs})` : '—'} | ${p.aggregatesModeMs.pending ?? 0} |`,
        ),
        '',
        `readers p99 mixed ÷ read-only: ${summary.p99Ratio} (medians of ${o.rounds} rounds; per round ${perRound.map((r) => r.p99Ratio).join(', ')}); ` +
          `exact after the run: ${exactness.exact} (${exactness.counters} counters, ${exactness.gapEntries} gap entries)`,
      ].join('\n'),
    );
    writeResults('mixed', {
      ...o,
      scale: 1,
      rebuild: { ms: rebuilt.ms, subjects: rebuilt.subjects },
      summary,
      perRound,
      passes,
      exactness,
    });
    if (!exactness.exact) {
      throw new Error(`the maintained aggregates differ from a rebuild: ${exactness.differences.join('; ')}`);
    }
    if (summary.errors > 0)
      throw new Error(`${summary.errors} requests failed: ${passes.flatMap((p) => p.firstErrors).join('; ')}`);
  } finally {
    await driver.close();
    rmSync(work, { recursive: true, force: true });
    await cleanUp(api, home);
  }
});
