/**
 * What the checks of issue #24 cost per request, side by side in one run, and how much small-cell protection withholds
 * on the demo city (README, "Access": "Small cells").
 *
 * Two API processes on one Neo4j holding the demo city at scale 1 with the maintained aggregates ready, both with
 * tokens and the response cache off (every request does its work):
 * - `lax`: the new bounds as loose as the settings allow (MAX_FILTER_DEPTH=20, FILTER_HOP_COST=1, no
 *   TRUSTED_DOCUMENTS, AUTH_MAX_TOKEN_AGE=366d); what cannot be switched off (body depth, no-store headers, the token
 *   lifetime comparison) runs in both;
 * - `guarded`: the defaults, with TRUSTED_DOCUMENTS listing the bench's operations (sent as full text, so each request
 *   is hashed and looked up).
 * Cases, each p50 / p99 over `--requests` at 1 and 8 clients, alternating which side goes first per round:
 * - the floor query (one region by code) as a viewer, lax vs guarded: trusted documents, filter walk, token lifetime;
 * - a one-level relationship filter as a viewer, lax vs guarded;
 * - `metric(R1_COMPLIANCE)` of a county, viewer vs planner on `guarded`: the small-cell decision (region tree and
 *   every region's cell from the maintained counters) against the same answer without it;
 * - `targetReview(2024)` of the city, viewer vs planner on `guarded`.
 * Then the share of R1–R4 cells withheld from a viewer at the default k: every year with annual reports × (no region,
 * each region) × (no chain, each chain), computed in-process by the same function as the API.
 *
 *   npx tsx bench/checks.ts [--requests 200] [--rounds 3] [--uri bolt://127.0.0.1:7687]
 *
 * --uri: a Neo4j of your own holding the demo data with the aggregates built (its password in NEO4J_PASSWORD);
 * otherwise a throw-away one is started and seeded. Writes bench/results/checks-<timestamp>.json; compare with
 * bench/baseline/checks.json.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeed } from '../seed/loadSeed';
import { rebuildAggregates } from '../src/aggregates/rebuild';
import { mintToken } from '../src/auth';
import { createDriver, migrate, readTx } from '../src/db';
import { DEFAULT_MIN_CELL, suppressedRegions } from '../src/queries/disclosure';
import { REVENUE_RULE_PARAMS, type RevenueRuleMetric } from '../src/queries/metrics';
import {
  arg,
  benchNeo4j,
  benchSecret,
  cleanUp,
  measure,
  run,
  startApi,
  stopApi,
  writeResults,
  type Stats,
} from './harness';

const DATABASE = 'neo4j';
const FLOOR = '{ regions(where: { code: { eq: "410402" } }) { id name } }';
const FILTER = `{ enterprises(where: { consortia: { some: { name: { contains: "示例" } } } }, limit: 10) { id } }`;
const METRIC = `{ metric(name: R1_COMPLIANCE, year: 2024, regionCode: "410425") { value numerator denominator suppressed } }`;
const REVIEW = `{ targetReview(year: 2024) { met notMet suppressed targets { metric actual status } } }`;

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const requests = Number(arg('requests', '200'));
  const rounds = Number(arg('rounds', '3'));
  const { login, home, existing } = await benchNeo4j('checks', { heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver(login);
  const { secret, auth } = benchSecret();
  const apis: ChildProcess[] = [];
  try {
    await migrate(driver, DATABASE);
    if (!existing) {
      await loadSeed(driver, DATABASE, { scale: 1 });
      await rebuildAggregates(driver, DATABASE);
    }
    const manifestFile = path.join(os.tmpdir(), `ig-bench-checks-${process.pid}.json`);
    writeFileSync(
      manifestFile,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [FLOOR, FILTER, METRIC, REVIEW].map((body, i) => ({
          id: createHash('sha256').update(body).digest('hex'),
          name: `bench${i}`,
          type: 'query',
          body,
        })),
      }),
    );
    const common = { AUTH_JWT_SECRET: secret, RESPONSE_CACHE_MB: '0' };
    const lax = await startApi(login, {
      ...common,
      MAX_FILTER_DEPTH: '20',
      FILTER_HOP_COST: '1',
      AUTH_MAX_TOKEN_AGE: '366d',
    });
    apis.push(lax.child);
    const guarded = await startApi(login, { ...common, TRUSTED_DOCUMENTS: manifestFile });
    apis.push(guarded.child);
    const tokens = {
      viewer: await mintToken(auth, { sub: 'bench-viewer', roles: ['viewer'], ttl: '1h' }),
      planner: await mintToken(auth, { sub: 'bench-planner', roles: ['planner'], ttl: '1h' }),
    };

    const sender =
      (url: string, query: string, role: keyof typeof tokens, check: (data: Record<string, unknown>) => boolean) =>
      async (): Promise<void> => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
        // Under application/json (fetch's Accept) a GraphQL error is 200 too: the errors say it.
        if (response.status !== 200 || body.errors !== undefined || !body.data || !check(body.data)) {
          throw new Error(`${role} ${query.slice(0, 40)}…: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        }
      };
    const any = (): boolean => true;
    const cases: { name: string; base: () => Promise<void>; checked: () => Promise<void> }[] = [
      {
        name: 'floor query, viewer: lax → guarded',
        base: sender(lax.url, FLOOR, 'viewer', (d) => (d.regions as unknown[]).length === 1),
        checked: sender(guarded.url, FLOOR, 'viewer', (d) => (d.regions as unknown[]).length === 1),
      },
      {
        name: 'one-level relationship filter, viewer: lax → guarded',
        base: sender(lax.url, FILTER, 'viewer', any),
        checked: sender(guarded.url, FILTER, 'viewer', any),
      },
      {
        name: 'metric R1 of a county: planner → viewer (small-cell decision)',
        base: sender(guarded.url, METRIC, 'planner', (d) => (d.metric as { suppressed: unknown }).suppressed === null),
        checked: sender(guarded.url, METRIC, 'viewer', any),
      },
      {
        name: 'targetReview 2024: planner → viewer',
        base: sender(guarded.url, REVIEW, 'planner', any),
        checked: sender(guarded.url, REVIEW, 'viewer', any),
      },
    ];
    const rows: { case: string; round: number; clients: number; base: Stats; checked: Stats; ratioP50: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const c of cases) {
        for (const clients of [1, 8]) {
          const first = round % 2 === 1;
          const b = first ? await measure(requests, clients, c.base) : undefined;
          const checked = await measure(requests, clients, c.checked);
          const base = b ?? (await measure(requests, clients, c.base));
          const row = { case: c.name, round, clients, base, checked, ratioP50: ratio(checked.p50, base.p50) };
          rows.push(row);
          console.error(JSON.stringify(row));
        }
      }
    }
    for (const api of apis.splice(0)) await stopApi(api);

    // The share of cells a viewer does not see, per metric, at the default k.
    const share = await readTx(driver, { database: DATABASE }, async (tx) => {
      // The years whose annual reports make R1–R4's populations (in other years every cell is empty, so shown).
      const years = (
        await tx.run('MATCH (r:AnnualReport) WHERE r.year IS NOT NULL RETURN DISTINCT r.year AS year ORDER BY year')
      ).records.map((r) => Number(r.get('year')));
      const regions = (await tx.run('MATCH (r:Region) RETURN r.code AS code ORDER BY code')).records.map(
        (r) => r.get('code') as string,
      );
      const chains = (await tx.run('MATCH (c:IndustryChain) RETURN c.id AS id ORDER BY id')).records.map(
        (r) => r.get('id') as string,
      );
      const out: Record<string, { cells: number; withheld: number; share: number; wholeGraphWithheldIn: string }> = {};
      for (const name of Object.keys(REVENUE_RULE_PARAMS) as RevenueRuleMetric[]) {
        let cells = 0;
        let withheld = 0;
        const whole: number[] = [];
        for (const year of years) {
          const tables = [null, ...chains].map((chainId) => ({ name, year, chainId }));
          const suppressed = await suppressedRegions(tx, tables, DEFAULT_MIN_CELL);
          for (const set of suppressed) {
            for (const region of [null, ...regions]) {
              cells += 1;
              if (set.has(region)) withheld += 1;
            }
          }
          if (suppressed[0]?.has(null)) whole.push(year);
        }
        out[name] = {
          cells,
          withheld,
          share: ratio(withheld, cells),
          wholeGraphWithheldIn: whole.join(', ') || 'none',
        };
      }
      return { years, regions: regions.length, chains: chains.length, metrics: out };
    });

    const summary = cases.map((c) => {
      const mine = rows.filter((r) => r.case === c.name);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      return {
        case: c.name,
        p50RatioAt1: median(mine.filter((r) => r.clients === 1).map((r) => r.ratioP50)),
        p50RatioAt8: median(mine.filter((r) => r.clients === 8).map((r) => r.ratioP50)),
        baseP50At1: median(mine.filter((r) => r.clients === 1).map((r) => r.base.p50)),
        checkedP50At1: median(mine.filter((r) => r.clients === 1).map((r) => r.checked.p50)),
      };
    });
    console.log(
      [
        '| case | p50 ms at 1 client (base → checked) | p50 ratio, 1 client | p50 ratio, 8 clients |',
        '|---|---|---|---|',
        ...summary.map(
          (s) => `| ${s.case} | ${s.baseP50At1} → ${s.checkedP50At1} | ${s.p50RatioAt1} | ${s.p50RatioAt8} |`,
        ),
      ].join('\n'),
    );
    console.log(
      `\nCells withheld from a viewer (k = ${DEFAULT_MIN_CELL}; report years ${share.years.join(', ')}, ` +
        `${share.regions} regions + none, ${share.chains} chains + none):`,
    );
    for (const [name, s] of Object.entries(share.metrics)) {
      console.log(
        `  ${name}: ${s.withheld} of ${s.cells} (${Math.round(s.share * 100)} %); whole graph withheld in ${s.wholeGraphWithheldIn}`,
      );
    }
    writeResults('checks', { requests, rounds, rows, summary, disclosure: share });
  } finally {
    await driver.close();
    for (const api of apis) await stopApi(api).catch(() => undefined);
    await cleanUp(undefined, home);
  }
}

run(main);
