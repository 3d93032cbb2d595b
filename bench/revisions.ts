/**
 * Before and after, side by side in one run (issue #25): the request path of two checkouts — this one ("after") and an
 * older one ("before", e.g. a `git worktree` of the commit before a restructuring) — each API in its own process, as
 * in production (bench/harness.ts `startApi`: NODE_ENV=production, LOG_LEVEL=warn), both on the SAME Neo4j holding
 * the demo city with the maintained aggregates ready, so that neither reads live while the other reads maintained.
 *
 * Every query case of bench/cases.ts goes through GraphQL over HTTP with `Cache-Control: no-cache` (every request
 * runs its query; `--cached` adds a pass the response cache may answer), at each `--clients` count, `--requests`
 * per cell. Rounds alternate which side goes first (before → after, then after → before, …), per cell, so that drift
 * and machine noise hit both alike; before anything is timed, every case runs `--warmup` times on both APIs (their
 * JITs and Neo4j's), and each measurement sends 20 more first (harness `measure`).
 *
 * Reported per case and client count: p50 / p99 of each side (medians over the rounds), after ÷ before (the median of
 * the rounds' ratios, each round's two cells measured back to back) and the rounds' p50 ratios; then the geomean of
 * the p50 ratios (all rows, and per client count) and, as the run's noise, the geomean of each round alone.
 *
 *   npx tsx bench/revisions.ts --before /path/to/other/checkout [--scale 1] [--requests 200] [--rounds 3]
 *     [--clients 1,8] [--warmup 100] [--only metric,gap] [--cached] [--uri bolt://127.0.0.1:7687]
 *
 * The other checkout needs no install of its own: when it has no node_modules, this checkout's are linked into it
 * (said in the output, with the dependencies whose versions the two package.json files disagree on).
 * --uri: a Neo4j of your own holding the demo city at that scale (its password in NEO4J_PASSWORD; the aggregates are
 * rebuilt there unless ready); otherwise a throw-away one is started and the demo city loaded at --scale.
 * Prints a Markdown table and writes bench/results/revisions-<timestamp>.json; compare with
 * bench/baseline/revisions.json. Budget: "behaviour unchanged" — a geomean p50 ratio within the rounds' spread of 1.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { aggregatesMode, rebuildAggregates } from '../src/aggregates';
import { createDriver, migrate } from '../src/db';
import { projectRoot } from '../src/paths';
import { benchCases } from './cases';
import {
  arg,
  benchNeo4j,
  cleanUp,
  graphqlRequest,
  measure,
  run,
  startApi,
  stopApi,
  writeResults,
  type Stats,
} from './harness';

const DATABASE = 'neo4j';
type Side = 'before' | 'after';

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const geomean = (xs: number[]): number =>
  Math.round(Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) * 1000) / 1000;

/** A checkout's commit and how many files differ from it (git status), for the record. */
function describe(root: string): { root: string; commit: string; changedFiles: number } {
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', root, ...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  try {
    return {
      root,
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      changedFiles: git('status', '--porcelain').split('\n').filter(Boolean).length,
    };
  } catch {
    return { root, commit: 'unknown (not a git checkout)', changedFiles: 0 };
  }
}

/**
 * The other checkout runs with this checkout's node_modules when it has none (a fresh `git worktree`): links them in.
 * @returns what it runs with, for the output
 */
function ensureNodeModules(before: string): string {
  const target = path.join(before, 'node_modules');
  let present = true;
  try {
    lstatSync(target);
  } catch {
    present = false;
  }
  if (!present) {
    symlinkSync(path.join(projectRoot, 'node_modules'), target, 'dir');
    return `${target} was missing: linked to ${path.join(projectRoot, 'node_modules')} (this checkout's)`;
  }
  if (!existsSync(target)) throw new Error(`${target} is a broken link: remove it and run again`);
  const real = realpathSync(target);
  return real === realpathSync(path.join(projectRoot, 'node_modules'))
    ? `${target} is this checkout's node_modules (linked)`
    : `${target} is its own (${real})`;
}

/** The dependencies whose versions the two checkouts' package.json files name differently. */
function dependencyDifferences(before: string): string[] {
  const deps = (root: string): Record<string, string> => {
    const p = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    return { ...p.devDependencies, ...p.dependencies };
  };
  const b = deps(before);
  const a = deps(projectRoot);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((name) => a[name] !== b[name])
    .sort()
    .map((name) => `${name} ${b[name] ?? '(none)'} → ${a[name] ?? '(none)'}`);
}

/**
 * The maintained aggregates' mode as each checkout's own code reads it (`ready` means its API reads the maintained
 * counters; anything else, live). A checkout without src/aggregates/rebuild.ts has no maintained aggregates.
 */
async function modes(driver: Driver, before: string): Promise<Record<Side, string | null>> {
  const file = path.join(before, 'src', 'aggregates', 'rebuild.ts');
  let beforeMode: string | null = 'none (no maintained aggregates in this checkout: always live)';
  if (existsSync(file)) {
    const theirs = (await import(file)) as { aggregatesMode: typeof aggregatesMode };
    beforeMode = await theirs.aggregatesMode(driver, DATABASE);
  }
  return { before: beforeMode, after: await aggregatesMode(driver, DATABASE) };
}

async function readiness(url: string): Promise<string> {
  const response = await fetch(url.replace(/\/graphql$/, '/health/ready'));
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url}: /health/ready answered ${response.status} ${body}`);
  return body;
}

async function main(): Promise<void> {
  const beforeArg = arg('before', '');
  if (!beforeArg) throw new Error('usage: npx tsx bench/revisions.ts --before /path/to/other/checkout [options]');
  const before = path.resolve(beforeArg);
  if (!existsSync(path.join(before, 'src', 'index.ts'))) throw new Error(`${before}/src/index.ts does not exist`);
  if (realpathSync(before) === realpathSync(projectRoot)) throw new Error('--before names this checkout itself');
  const scale = Number(arg('scale', '1'));
  const requests = Number(arg('requests', '200'));
  const rounds = Number(arg('rounds', '3'));
  const clientCounts = arg('clients', '1,8').split(',').map(Number);
  const warmup = Number(arg('warmup', '100'));
  const only = arg('only', '').split(',').filter(Boolean);
  const cachedPass = process.argv.includes('--cached');

  const checkouts = { before: describe(before), after: describe(projectRoot) };
  console.error(`before: ${before} at ${checkouts.before.commit} (${checkouts.before.changedFiles} files changed)`);
  console.error(`after:  ${projectRoot} at ${checkouts.after.commit} (${checkouts.after.changedFiles} files changed)`);
  const modules = ensureNodeModules(before);
  console.error(`node_modules: ${modules}`);
  const differences = dependencyDifferences(before);
  if (differences.length > 0) console.error(`package.json versions differ (before → after): ${differences.join(', ')}`);
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 10) / 10);
  console.error(`load average at start: ${loadAtStart.join(' ')} (${os.cpus().length} cores)`);

  const { login, home, existing } = await benchNeo4j(`rev-${scale}`, { heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver(login);
  const apis: Partial<Record<Side, ChildProcess>> = {};
  try {
    await migrate(driver, DATABASE);
    if (!existing) {
      const seeded = await loadSeed(driver, DATABASE, { scale });
      console.error(`seeded scale ${scale} in ${Math.round(seeded.ms / 1000)} s`);
    }
    // Both APIs must read the same way: the maintained counters, ready before either starts (an API whose
    // aggregates are not ready rebuilds them in the background and reads live meanwhile).
    if (!existing || (await aggregatesMode(driver, DATABASE)) !== 'ready') {
      const rebuilt = await rebuildAggregates(driver, DATABASE);
      console.error(
        rebuilt.rebuilt
          ? `aggregates rebuilt: ${rebuilt.subjects} subjects in ${Math.round(rebuilt.ms / 1000)} s`
          : `aggregates not rebuilt: ${rebuilt.reason ?? 'unknown'}`,
      );
    }

    const after = await startApi(login, {}, projectRoot);
    apis.after = after.child;
    const beforeApi = await startApi(login, {}, before);
    apis.before = beforeApi.child;
    const urls: Record<Side, string> = { before: beforeApi.url, after: after.url };
    // Give each API's start-up check of the aggregates (index.ts: a rebuild when not ready) time to act, then
    // check that both read them maintained and both are ready.
    await new Promise((r) => setTimeout(r, 2000));
    const startModes = await modes(driver, before);
    console.error(`aggregates as each checkout reads them: before ${startModes.before}, after ${startModes.after}`);
    if (startModes.after !== 'ready' || (startModes.before !== 'ready' && !startModes.before?.startsWith('none'))) {
      throw new Error('the maintained aggregates are not ready for both checkouts: one of them would read live');
    }
    for (const side of ['before', 'after'] as const)
      console.error(`${side} /health/ready: ${await readiness(urls[side])}`);

    const cases = benchCases(scale).filter((x) => only.length === 0 || only.includes(x.group));
    const once = (side: Side, c: (typeof cases)[number]) => (): Promise<void> =>
      graphqlRequest(urls[side], c, false).then(() => undefined);
    const t0 = Date.now();
    for (let i = 0; i < warmup; i++) {
      for (const c of cases) {
        await graphqlRequest(urls.before, c, false);
        await graphqlRequest(urls.after, c, false);
      }
    }
    console.error(
      `warm-up: ${warmup} rounds of ${cases.length} cases on both in ${Math.round((Date.now() - t0) / 1000)} s`,
    );

    interface Row {
      case: string;
      group: string;
      round: number;
      clients: number;
      order: string;
      before: Stats;
      after: Stats;
      ratioP50: number;
      ratioP99: number;
      cached?: Record<Side, Stats & { hits: number; of: number }>;
    }
    const rows: Row[] = [];
    const t1 = Date.now();
    for (let round = 1; round <= rounds; round++) {
      const order: Side[] = round % 2 === 1 ? ['before', 'after'] : ['after', 'before'];
      for (const c of cases) {
        for (const clients of clientCounts) {
          const stats: Partial<Record<Side, Stats>> = {};
          for (const side of order) stats[side] = await measure(requests, clients, once(side, c));
          const b = stats.before as Stats;
          const a = stats.after as Stats;
          const row: Row = {
            case: c.name,
            group: c.group,
            round,
            clients,
            order: order.join(' → '),
            before: b,
            after: a,
            ratioP50: ratio(a.p50, b.p50),
            ratioP99: ratio(a.p99, b.p99),
          };
          if (cachedPass) {
            const cached: Partial<Record<Side, Stats & { hits: number; of: number }>> = {};
            for (const side of order) {
              let hits = 0;
              let sent = 0;
              const s = await measure(requests, clients, async () => {
                sent += 1;
                if (await graphqlRequest(urls[side], c, true)) hits += 1;
              });
              cached[side] = { ...s, hits, of: sent };
            }
            row.cached = cached as Record<Side, Stats & { hits: number; of: number }>;
          }
          rows.push(row);
          console.error(JSON.stringify(row));
        }
      }
      console.error(`round ${round} (${order.join(' → ')}) done at ${Math.round((Date.now() - t1) / 1000)} s`);
    }

    const endModes = await modes(driver, before);
    if (endModes.after !== startModes.after || endModes.before !== startModes.before) {
      throw new Error(`the aggregates changed mode during the run: ${JSON.stringify({ startModes, endModes })}`);
    }
    for (const side of ['before', 'after'] as const) {
      await stopApi(apis[side] as ChildProcess);
      delete apis[side];
    }
    const loadAtEnd = os.loadavg().map((x) => Math.round(x * 10) / 10);

    const summary = cases.flatMap((c) =>
      clientCounts.map((clients) => {
        const mine = rows.filter((r) => r.case === c.name && r.clients === clients);
        const ratios = mine.map((r) => r.ratioP50);
        return {
          case: c.name,
          group: c.group,
          clients,
          before: { p50: median(mine.map((r) => r.before.p50)), p99: median(mine.map((r) => r.before.p99)) },
          after: { p50: median(mine.map((r) => r.after.p50)), p99: median(mine.map((r) => r.after.p99)) },
          ratioP50: median(ratios),
          ratioP99: median(mine.map((r) => r.ratioP99)),
          roundsP50: ratios,
        };
      }),
    );
    const geomeanP50Ratio = geomean(summary.map((s) => s.ratioP50));
    const byClients = Object.fromEntries(
      clientCounts.map((n) => [n, geomean(summary.filter((s) => s.clients === n).map((s) => s.ratioP50))]),
    );
    const perRound = Array.from({ length: rounds }, (_, i) => ({
      round: i + 1,
      order: rows.find((r) => r.round === i + 1)?.order ?? '',
      geomeanP50Ratio: geomean(rows.filter((r) => r.round === i + 1).map((r) => r.ratioP50)),
    }));

    console.log(
      [
        `Before ${checkouts.before.commit} (${before}) and after ${checkouts.after.commit}` +
          `${checkouts.after.changedFiles > 0 ? ` + ${checkouts.after.changedFiles} changed files` : ''}` +
          ` (${projectRoot}), scale ${scale}, ${requests} requests per cell, ${rounds} rounds; medians over the rounds.`,
        '',
        '| query | clients | before p50 / p99 (ms) | after p50 / p99 (ms) | after ÷ before p50 | after ÷ before p99 | p50 ratio per round |',
        '|---|---|---|---|---|---|---|',
        ...summary.map(
          (s) =>
            `| ${s.case} | ${s.clients} | ${s.before.p50} / ${s.before.p99} | ${s.after.p50} / ${s.after.p99} | ` +
            `${s.ratioP50} | ${s.ratioP99} | ${s.roundsP50.join(', ')} |`,
        ),
        '',
        `Geomean of the p50 ratios (after ÷ before): ${geomeanP50Ratio} over ${summary.length} rows; ` +
          clientCounts.map((n) => `${n} client${n === 1 ? '' : 's'}: ${byClients[n]}`).join(', ') +
          '.',
        `Per round (the run's noise): ${perRound.map((r) => `${r.round} (${r.order}) ${r.geomeanP50Ratio}`).join('; ')}.`,
        `Load average (1, 5, 15 min) at start ${loadAtStart.join(' ')}, at end ${loadAtEnd.join(' ')}, ` +
          `on ${os.cpus().length} cores.`,
      ].join('\n'),
    );
    writeResults('revisions', {
      scale,
      requests,
      rounds,
      clients: clientCounts,
      warmup,
      cachedPass,
      checkouts,
      nodeModules: modules,
      dependencyDifferences: differences,
      aggregates: startModes,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      geomeanP50Ratio,
      geomeanP50RatioByClients: byClients,
      perRound,
      summary,
      rows,
    });
  } finally {
    await driver.close();
    for (const child of Object.values(apis)) await stopApi(child).catch(() => undefined);
    await cleanUp(undefined, home);
  }
}

run(main);
