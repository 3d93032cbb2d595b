/**
 * What every benchmark here shares: a closed-loop measurement and the API started in its own process, as in
 * production (src/index.ts, NODE_ENV=production, log level warn), so that the benchmark's HTTP client does not share
 * the server's event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { aggregatesMode, rebuildAggregates } from '../src/aggregates/rebuild';
import type { AuthConfig } from '../src/config';
import { freePort, runAutoCommit, startLocalNeo4j, stopLocalNeo4j, toPlain } from '../src/db';
import { fromRoot, projectRoot } from '../src/paths';

export interface Stats {
  p50: number;
  p99: number;
  mean: number;
  rps: number;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

/** Closed loop: `clients` workers each send their next request as soon as the last one answered. */
export async function measure(requests: number, clients: number, once: () => Promise<void>): Promise<Stats> {
  for (let i = 0; i < Math.min(20, requests); i++) await once(); // warm-up: plans cached, JIT warm
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        next++;
        const t = process.hrtime.bigint();
        await once();
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
    rps: Math.round(requests / seconds),
  };
}

/**
 * Starts the API (src/index.ts) in its own process on the given Neo4j and waits until /health/ready says 200.
 * `root`: the checkout whose `src/index.ts` runs (default this one; bench/revisions.ts starts an older one beside it).
 */
export async function startApi(
  neo4jLogin: { uri: string; password: string },
  env: Record<string, string> = {},
  root: string = projectRoot,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'index.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      NEO4J_URI: neo4jLogin.uri,
      NEO4J_PASSWORD: neo4jLogin.password,
      SEED_ON_EMPTY: 'false',
      QUERY_TIMEOUT_MS: '60000',
      // The benchmark's clients all come from one address: no per-client rate limit here.
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the API (${root}) exited with code ${child.exitCode} before it was ready`);
    }
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { url: `${base}/graphql`, child };
    if (Date.now() > deadline) throw new Error('the API was not ready within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The value of `--name` on the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** Writes a run's results to bench/results/<name>-<timestamp>.json, with the machine's core count; returns the path. */
export function writeResults(name: string, results: Record<string, unknown>): string {
  const out = fromRoot('bench', 'results', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ ...results, machine: `${os.cpus().length} cores` }, null, 2));
  console.error(`written ${out}`);
  return out;
}

/**
 * One GraphQL request to the API at `url`. Uncached requests send `Cache-Control: no-cache`, so the query runs (the
 * server answers `x-cache: bypass`, checked); cached ones let the response cache answer (src/graphql/responseCache.ts).
 * @returns whether the response cache answered (x-cache: hit)
 */
export async function graphqlRequest(
  url: string,
  c: { name: string; query: string; variables: Record<string, unknown> },
  cached: boolean,
): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cached ? {} : { 'cache-control': 'no-cache' }) },
    body: JSON.stringify({ query: c.query, variables: c.variables }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`${c.name}: ${body.errors.map((e) => e.message).join('; ')}`);
  const cache = response.headers.get('x-cache');
  if (!cached && cache !== 'bypass') throw new Error(`${c.name}: an uncached request answered x-cache: ${cache}`);
  return cache === 'hit';
}

/** Stops what a benchmark started: the API process, then the throw-away Neo4j in `home` (none with --uri). */
export async function cleanUp(api: ChildProcess | undefined, home: string): Promise<void> {
  if (api) await stopApi(api);
  if (home) {
    await stopLocalNeo4j(home);
    rmSync(home, { recursive: true, force: true });
  }
}

/** Runs a benchmark's main, exiting 1 with the error when it fails. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * The Neo4j a benchmark runs on: `--uri` names one of your own (its password in NEO4J_PASSWORD; `existing` is true),
 * else a throw-away one is started in a temporary folder (`home`, for {@link cleanUp}).
 */
export async function benchNeo4j(
  name: string,
  memory: { heapMb: number; pageCacheMb: number; txTimeoutSeconds?: number },
): Promise<{ login: { uri: string; user: string; password: string }; home: string; existing: boolean }> {
  const existingUri = arg('uri', '');
  if (existingUri) {
    return {
      login: { uri: existingUri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' },
      home: '',
      existing: true,
    };
  }
  const home = mkdtempSync(path.join(os.tmpdir(), `ig-bench-${name}-`));
  const info = await startLocalNeo4j({ home, port: await freePort(), ...memory });
  return { login: { uri: info.uri, user: info.user, password: info.password }, home, existing: false };
}

/** A fresh HS256 secret for the API under benchmark (AUTH_JWT_SECRET) and the auth settings that mint its tokens. */
export function benchSecret(): { secret: string; auth: Extract<AuthConfig, { mode: 'token' }> } {
  const secret = randomBytes(48).toString('base64');
  return {
    secret,
    auth: { mode: 'token', key: { kind: 'secret', secret: new TextEncoder().encode(secret) }, rolesClaim: ['roles'] },
  };
}

/** The median of `xs` (the upper one of an even count; NaN when empty): how a benchmark sums up its rounds. */
export function median(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number);
}

/** p50 / p99 / mean of latencies collected over `seconds` (a pass bounded in time rather than in requests). */
export function latencyStats(latencies: readonly number[], seconds: number): Stats & { requests: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    rps: Math.round(sorted.length / seconds),
    requests: sorted.length,
  };
}

/** What a benchmark checks of the maintained aggregates' state: a rebuild sets `builtAt`. */
export interface AggregatesState {
  /** aggregatesMode's answer: ready, pending, building, stale, outdated, or null (never built). */
  mode: string | null;
  builtAt: string | null;
}

export async function aggregatesState(driver: Driver, database: string): Promise<AggregatesState> {
  const mode = await aggregatesMode(driver, database);
  const result = await runAutoCommit(
    driver,
    database,
    `OPTIONAL MATCH (s:AggregateState {id: 'aggregates'})
     RETURN toString(s.builtAt) AS builtAt`,
  );
  const record = result.records[0];
  return {
    mode,
    builtAt: (record?.get('builtAt') as string | null) ?? null,
  };
}

/** Throws, naming `when`, unless the maintained aggregates are ready: a read timed then would be live, not maintained. */
export async function assertAggregatesReady(driver: Driver, database: string, when: string): Promise<AggregatesState> {
  const state = await aggregatesState(driver, database);
  if (state.mode !== 'ready') {
    throw new Error(`${when}: the maintained aggregates are ${state.mode ?? 'never built'}, not ready`);
  }
  return state;
}

/**
 * Throws unless the aggregates were ready at both ends of a read-only stretch with no rebuild between
 * (`builtAt` unchanged): had they gone stale and been rebuilt, part of the reads would have been live.
 */
export async function assertStillReady(
  driver: Driver,
  database: string,
  before: AggregatesState,
  when: string,
): Promise<AggregatesState> {
  const after = await assertAggregatesReady(driver, database, when);
  if (after.builtAt !== before.builtAt) {
    throw new Error(`${when}: the maintained aggregates were rebuilt meanwhile (${before.builtAt} → ${after.builtAt})`);
  }
  return after;
}

/**
 * Rebuilds the maintained aggregates (src/aggregates, as `npm run aggregates -- --rebuild` does) and asserts they
 * are ready, so that every read a benchmark times next is answered from them.
 */
export async function rebuildReady(
  driver: Driver,
  database: string,
): Promise<{ ms: number; subjects: number; state: AggregatesState }> {
  const rebuilt = await rebuildAggregates(driver, database);
  if (!rebuilt.rebuilt) throw new Error(`the aggregates' rebuild was refused: ${rebuilt.reason ?? 'unknown'}`);
  const state = await assertAggregatesReady(driver, database, 'after the rebuild');
  return { ms: rebuilt.ms, subjects: rebuilt.subjects, state };
}

/** Every maintained counter (key and year → the sum of its Aggregate nodes, zeros left out) and gap entry, to compare two states. */
async function aggregatesContent(
  driver: Driver,
  database: string,
): Promise<{ counters: Map<string, number>; gaps: string[] }> {
  const counters = await runAutoCommit(
    driver,
    database,
    // A counter may be kept in several nodes (stripes, src/aggregates/upkeep.ts) that every read sums: so does this.
    'MATCH (a:Aggregate) WITH a.key + "@" + toString(a.year) AS id, sum(a.value) AS value WHERE value <> 0 RETURN id, value',
  );
  const gaps = await runAutoCommit(
    driver,
    database,
    'MATCH (g:GapEntry) RETURN g.subject AS subject, g.gap AS gap, g.year AS year, g.rank AS rank, g.scopes AS scopes',
  );
  return {
    counters: new Map(counters.records.map((r) => [r.get('id') as string, Number(r.get('value'))])),
    gaps: gaps.records
      .map((r) => JSON.stringify(['subject', 'gap', 'year', 'rank', 'scopes'].map((k) => toPlain(r.get(k)))))
      .sort(),
  };
}

/**
 * Whether the maintained aggregates are exact: reads every counter and gap entry as the writes' upkeep left them,
 * rebuilds from the graph (which must not change meanwhile: call it once the writes are over), and compares.
 * @returns the differing counters (at most 20 listed) and gap entries, with the rebuild's time
 */
export async function compareWithRebuild(
  driver: Driver,
  database: string,
): Promise<{
  exact: boolean;
  counters: number;
  differences: string[];
  gapEntries: number;
  gapDifferences: number;
  rebuildMs: number;
}> {
  await assertAggregatesReady(driver, database, 'before comparing the counters with a rebuild');
  const kept = await aggregatesContent(driver, database);
  const { ms } = await rebuildReady(driver, database);
  const rebuilt = await aggregatesContent(driver, database);
  const differences: string[] = [];
  for (const id of new Set([...kept.counters.keys(), ...rebuilt.counters.keys()])) {
    const [a, b] = [kept.counters.get(id) ?? 0, rebuilt.counters.get(id) ?? 0];
    if (a !== b) differences.push(`${id}: kept ${a}, rebuilt ${b}`);
  }
  const gapCounts = new Map<string, number>();
  for (const g of kept.gaps) gapCounts.set(g, (gapCounts.get(g) ?? 0) + 1);
  for (const g of rebuilt.gaps) gapCounts.set(g, (gapCounts.get(g) ?? 0) - 1);
  const gapDifferences = [...gapCounts.values()].reduce((sum, n) => sum + Math.abs(n), 0);
  return {
    exact: differences.length === 0 && gapDifferences === 0,
    counters: rebuilt.counters.size,
    differences: differences.slice(0, 20),
    gapEntries: rebuilt.gaps.length,
    gapDifferences,
    rebuildMs: ms,
  };
}
