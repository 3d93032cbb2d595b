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
import type { AuthConfig } from '../src/config';
import { freePort, startLocalNeo4j, stopLocalNeo4j } from '../src/db';
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
  memory: { heapMb: number; pageCacheMb: number },
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
