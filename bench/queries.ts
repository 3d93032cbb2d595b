/**
 * Query latency benchmark: each analytical query sent through the GraphQL API (HTTP, the real server) and, side by
 * side in the same run, the same Cypher sent straight through neo4j-driver (the floor for this stack), at 1 and 8
 * concurrent clients. Loads the demo city at the given scale into a throw-away Neo4j first.
 *
 *   npx tsx bench/queries.ts [--scale 1] [--requests 200] [--only metric,gap]
 *
 * Prints a Markdown table and writes bench/results/queries-<scale>-<timestamp>.json. Budgets (DESIGN.md): GraphQL
 * p50 ≤ 1.5 × direct p50; gap and metric p99 ≤ 50 ms at scale 1 and ≤ 300 ms at scale 10 under 8 clients; a
 * depth-2 neighbourhood capped at 500 nodes p99 ≤ 50 ms.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { createDriver, DbHealth, freePort, migrate, readTx, startLocalNeo4j, stopLocalNeo4j } from '../src/db';
import { buildSchema } from '../src/graphql';
import { createLogger } from '../src/logger';
import { fromRoot } from '../src/paths';
import { createServer } from '../src/server';
import { benchCases, type BenchCase } from './cases';

const DATABASE = 'neo4j';

interface Stats {
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
async function measure(requests: number, clients: number, once: () => Promise<void>): Promise<Stats> {
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

async function graphqlOnce(url: string, c: BenchCase): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: c.query, variables: c.variables }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`${c.name}: ${body.errors.map((e) => e.message).join('; ')}`);
}

async function directOnce(driver: Driver, c: BenchCase): Promise<void> {
  await readTx(driver, { database: DATABASE }, (tx) => c.direct(tx));
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const scale = Number(arg('scale', '1'));
  const requests = Number(arg('requests', '200'));
  const only = arg('only', '').split(',').filter(Boolean);
  const home = mkdtempSync(path.join(os.tmpdir(), `ig-bench-q-${scale}-`));
  const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver({ uri: info.uri });
  const logger = createLogger('warn');
  try {
    await migrate(driver, DATABASE);
    const seeded = await loadSeed(driver, DATABASE, { scale });
    console.error(`seeded scale ${scale} in ${Math.round(seeded.ms / 1000)} s`);
    const { schema } = await buildSchema(driver);
    const health = new DbHealth(driver, DATABASE);
    health.start();
    const server = createServer({
      config: { database: DATABASE, queryTimeoutMs: 60_000, production: true },
      driver,
      schema,
      health,
      logger,
    });
    await server.start();
    await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;

    const rows = [];
    for (const c of benchCases(scale).filter((x) => only.length === 0 || only.includes(x.group))) {
      for (const clients of [1, 8]) {
        // Alternate the two paths so that machine noise hits both alike.
        const direct = await measure(requests, clients, () => directOnce(driver, c));
        const graphql = await measure(requests, clients, () => graphqlOnce(url, c));
        const row = {
          case: c.name,
          group: c.group,
          scale,
          clients,
          direct,
          graphql,
          ratioP50: Math.round((graphql.p50 / direct.p50) * 100) / 100,
        };
        rows.push(row);
        console.error(JSON.stringify(row));
      }
    }
    health.stop();
    await server.stop();

    const table = [
      `| query | clients | direct p50 / p99 (ms) | GraphQL p50 / p99 (ms) | GraphQL/direct p50 | GraphQL req/s |`,
      `|---|---|---|---|---|---|`,
      ...rows.map(
        (r) =>
          `| ${r.case} | ${r.clients} | ${r.direct.p50} / ${r.direct.p99} | ${r.graphql.p50} / ${r.graphql.p99} | ${r.ratioP50} | ${r.graphql.rps} |`,
      ),
    ].join('\n');
    console.log(table);
    const out = fromRoot('bench', 'results', `queries-${scale}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ scale, requests, machine: `${os.cpus().length} cores`, rows }, null, 2));
    console.error(`written ${out}`);
  } finally {
    await driver.close();
    await stopLocalNeo4j(home);
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
