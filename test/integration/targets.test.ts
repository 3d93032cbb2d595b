import { execFile } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver, Result } from 'neo4j-driver';
import { aggregatesMode } from '../../src/aggregates/rebuild';
import { readTx, runAutoCommit } from '../../src/db';
import { fromRoot } from '../../src/paths';
import { reviewTargets } from '../../src/queries';
import { createTestApp, DATABASE, testNeo4jEnv, type TestApp } from '../support/testApp';
import { aggregatesReady } from '../support/aggregates';
import { nextRegionCode } from '../support/regionCodes';

const run = promisify(execFile);

/** The readiness test of the statements that read the maintained counters (cypher/aggregates/readCounters.cypher, readCells.cypher). */
const READY_TEST = "WHERE s.mode = 'ready'";
const READS_COUNTERS = 'UNWIND $parts AS part';

/**
 * The API's reads, as they are (`maintained`: from the counters while they are ready) or with the counters' readiness
 * test turned off (`live`: every metric computed by its live statement), and what the counter reads answered (a read
 * with no row means the counters were not ready, and the answer was live).
 */
function switchableReads(driver: Driver): {
  driver: Driver;
  use: (reads: 'maintained' | 'live') => void;
  counterReads: () => { rewritten: number; answered: Promise<boolean[]> };
} {
  let reads: 'maintained' | 'live' = 'maintained';
  let rewritten = 0;
  let results: Result[] = [];
  const statement = (query: string): string => {
    if (!query.includes(READY_TEST) || !query.includes(READS_COUNTERS)) return query;
    if (reads === 'maintained') return query;
    rewritten += 1;
    return query.replace(READY_TEST, 'WHERE false');
  };
  const running = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'run') {
          return (query: string, ...rest: unknown[]) => {
            const text = statement(query);
            const result = (value as (...a: unknown[]) => Result).call(object, text, ...rest);
            if (text.includes(READY_TEST) && text.includes(READS_COUNTERS)) results.push(result);
            return result;
          };
        }
        if (key === 'executeRead' || key === 'executeWrite') {
          return (work: (tx: object) => unknown, ...rest: unknown[]) =>
            (value as (...a: unknown[]) => unknown).call(object, (tx: object) => work(running(tx)), ...rest);
        }
        return (value as (...a: unknown[]) => unknown).bind(object);
      },
    });
  const wrapped = new Proxy(driver, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver) as unknown;
      if (key === 'session')
        return (...args: unknown[]) => running((value as (...a: unknown[]) => object).apply(object, args));
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
  return {
    driver: wrapped,
    use: (next) => {
      reads = next;
      rewritten = 0;
      results = [];
    },
    counterReads: () => ({
      rewritten,
      answered: Promise.all(results.map(async (r) => (await r).records.length > 0)),
    }),
  };
}

/**
 * Two regions of our own (codes no other test uses): in A, 3 enterprises hold HIGH_TECH in 2024 (2 of them already
 * in 2023) and 4 enterprises exist in all; in B, 1 enterprise. Targets for 2024:
 *   A: HIGH_TECH_ENTERPRISES ≥ 3 → actual 3, met, gap 0, previous 2;  A: INDUSTRIAL_ENTERPRISES ≤ 2 → 4, not met, gap 2
 *   B: INDUSTRIAL_ENTERPRISES ≥ 1 → 1, met.
 * The graph is written as every write of ours is, with the maintained aggregates kept right (app.write: the upkeep
 * of src/aggregates/upkeep.ts) after they were rebuilt and found ready: the answers must be the same read from the
 * counters and live.
 */
describe('targetReview and the review CLI', () => {
  let app: TestApp;
  let reads: ReturnType<typeof switchableReads>;
  let regionA: string;
  let regionB: string;

  beforeAll(async () => {
    app = await createTestApp(undefined, {
      // Every request must run its reads: an answer kept from the other kind of read would prove nothing.
      responseCacheMb: 0,
      wrapDriver: (driver) => {
        reads = switchableReads(driver);
        return reads.driver;
      },
    });
    [regionA, regionB] = [nextRegionCode(), nextRegionCode()];
    // Reference data (a seed loads it; this file must not depend on one): no subject of the aggregates.
    await runAutoCommit(
      app.driver,
      DATABASE,
      `MERGE (q:Qualification {code: 'HIGH_TECH'})
       ON CREATE SET q.id = 'qual-HIGH_TECH', q.name = '高新技术企业', q.synthetic = false`,
    );
    await aggregatesReady(app.driver);
    expect(await aggregatesMode(app.driver, DATABASE)).toBe('ready');
    await app.write(
      `CREATE (a:Region {id: $p + 'ra', code: $a, name: '甲区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (b:Region {id: $p + 'rb', code: $b, name: '乙区（示例）', level: 'DISTRICT', synthetic: true})
       WITH a, b
       MATCH (q:Qualification {code: 'HIGH_TECH'})
       UNWIND range(1, 4) AS i
       CREATE (e:Enterprise {id: $p + 'e' + i, name: '企业' + i + '（示例）', aboveScale: true, backbone: false, synthetic: true})
       CREATE (e)-[:LOCATED_IN]->(a)
       FOREACH (_ IN CASE WHEN i <= 2 THEN [1] ELSE [] END | CREATE (e)-[:HOLDS {grantedYear: 2022, validUntilYear: 2024}]->(q))
       FOREACH (_ IN CASE WHEN i = 3 THEN [1] ELSE [] END | CREATE (e)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(q))
       WITH a, b, count(*) AS made
       CREATE (eb:Enterprise {id: $p + 'eb', name: '企业乙（示例）', aboveScale: true, backbone: false, synthetic: true})-[:LOCATED_IN]->(b)
       CREATE (:Target {id: $p + 't1', metric: 'HIGH_TECH_ENTERPRISES', year: 2024, value: 3.0, comparison: 'AT_LEAST', synthetic: true})-[:FOR_REGION]->(a)
       CREATE (:Target {id: $p + 't2', metric: 'INDUSTRIAL_ENTERPRISES', year: 2024, value: 2.0, comparison: 'AT_MOST', synthetic: true})-[:FOR_REGION]->(a)
       CREATE (:Target {id: $p + 't3', metric: 'INDUSTRIAL_ENTERPRISES', year: 2024, value: 1.0, comparison: 'AT_LEAST', synthetic: true})-[:FOR_REGION]->(b)`,
      { a: regionA, b: regionB },
    );
  }, 180_000);
  afterEach(() => reads.use('maintained'));
  afterAll(async () => {
    await app.close();
  });

  it('computes each metric once per year and scope, however many targets share it (dataloader)', async () => {
    const regionD = nextRegionCode();
    await app.write(
      `CREATE (d:Region {id: $p + 'rd', code: $code, name: '丁区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (:Target {id: $p + 'td1', metric: 'INDUSTRIAL_ENTERPRISES', year: 2024, value: 0.0, comparison: 'AT_LEAST', synthetic: true})-[:FOR_REGION]->(d)
       CREATE (:Target {id: $p + 'td2', metric: 'INDUSTRIAL_ENTERPRISES', year: 2024, value: 9.0, comparison: 'AT_MOST', synthetic: true})-[:FOR_REGION]->(d)`,
      { code: regionD },
    );
    const statementsOf = async (code: string) => {
      let statements = 0;
      const review = await readTx(app.driver, { database: DATABASE }, (tx) =>
        reviewTargets(
          {
            run: ((query: string, params?: Record<string, unknown>) => {
              statements += 1;
              return tx.run(query, params);
            }) as typeof tx.run,
          },
          2024,
          code,
          null,
        ),
      );
      return { statements, targets: review.targets.length };
    };
    const shared = await statementsOf(regionD); // two targets, one metric
    const single = await statementsOf(regionB); // one target of the same metric
    expect([shared.targets, single.targets]).toEqual([2, 1]);
    expect(shared.statements).toBe(single.statements);
  });

  it.each(['maintained', 'live'] as const)(
    'reviews every target of the region with actual, gap, met and last year (reads: %s)',
    async (kind) => {
      const ask = () =>
        app.execute<{ targetReview: Record<string, unknown> }>(
          `query ($r: RegionCode) { targetReview(year: 2024, regionCode: $r) {
            met notMet unavailable allMet
            targets { targetId metric target actual gap met status previousActual change regionCode } } }`,
          { r: regionA },
        );
      let result: Awaited<ReturnType<typeof ask>>;
      for (let attempt = 1; ; attempt++) {
        // The aggregates are the database's: another file may mark them stale or rebuild them meanwhile; a
        // maintained answer counts only when every counter read of the request answered (they were ready).
        if (kind === 'maintained' && (await aggregatesMode(app.driver, DATABASE)) !== 'ready')
          await aggregatesReady(app.driver);
        reads.use(kind);
        result = await ask();
        const { rewritten, answered } = reads.counterReads();
        const fromCounters = await answered;
        if (kind === 'live') {
          // Every counter read had its readiness test turned off, so each metric was computed live.
          expect(rewritten).toBeGreaterThan(0);
          expect(fromCounters.every((answer) => !answer)).toBe(true);
          break;
        }
        expect(fromCounters.length).toBeGreaterThan(0);
        if (fromCounters.every(Boolean)) break;
        if (attempt >= 3) throw new Error('the maintained aggregates were not ready during the request, 3 times');
      }
      expect(result.errors).toBeUndefined();
      expect(result.data?.targetReview).toEqual({
        met: 1,
        notMet: 1,
        unavailable: 0,
        allMet: false,
        targets: [
          {
            targetId: `${app.prefix}t1`,
            metric: 'HIGH_TECH_ENTERPRISES',
            target: 3,
            actual: 3,
            gap: 0,
            met: true,
            status: 'MET',
            previousActual: 2,
            change: 1,
            regionCode: regionA,
          },
          {
            targetId: `${app.prefix}t2`,
            metric: 'INDUSTRIAL_ENTERPRISES',
            target: 2,
            actual: 4,
            gap: 2,
            met: false,
            status: 'NOT_MET',
            previousActual: 4,
            change: 0,
            regionCode: regionA,
          },
        ],
      });
    },
  );

  it.each([
    ['year: 2024, regionCode: "419999"', 'regionCode'],
    ['year: 2024, chainId: "no-such-chain"', 'chainId'],
    ['year: 1800', 'year'],
    ['year: 2099', 'year'],
  ])('rejects targetReview(%s) with BAD_USER_INPUT naming %s', async (args, argument) => {
    const result = await app.execute(`{ targetReview(${args}) { met } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message.startsWith(`${argument}:`)).toBe(true);
  });

  describe('npm run review', () => {
    const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
      try {
        const { stdout, stderr } = await run(
          process.execPath,
          [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('src', 'cli', 'review.ts'), ...args],
          { env: { ...process.env, ...testNeo4jEnv(), LOG_LEVEL: 'silent' }, cwd: fromRoot() },
        );
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };

    it('exits 2, naming the scopes that have targets, for a region without targets (not 1, "targets missed")', async () => {
      const regionC = nextRegionCode();
      await app.write(
        `CREATE (:Region {id: $p + 'rc', code: $code, name: '丙区（示例）', level: 'DISTRICT', synthetic: true})`,
        { code: regionC },
      );
      const { code, stdout, stderr } = await cli(['--year', '2024', '--region', regionC]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('regionCode: no targets of 2024 are set for this scope; scopes with targets in 2024:');
      expect(stderr).toContain(`regionCode ${regionA}`);
      expect(stderr).toContain(`regionCode ${regionB}`);
    }, 60_000);

    it('prints its usage and exits 0 with --help', async () => {
      const { code, stdout } = await cli(['--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^usage: npm run review -- --year YYYY/);
    }, 60_000);

    it('prints JSON equal to the API answer and exits 1 when a target is not met', async () => {
      const { code, stdout } = await cli(['--year', '2024', '--region', regionA, '--format', 'json']);
      expect(code).toBe(1);
      const review = JSON.parse(stdout) as { notMet: number; targets: { targetId: string; actual: number }[] };
      expect(review.notMet).toBe(1);
      expect(review.targets.map((t) => [t.targetId, t.actual])).toEqual([
        [`${app.prefix}t1`, 3],
        [`${app.prefix}t2`, 4],
      ]);
    }, 60_000);

    it('writes CSV in UTF-8 with a BOM and exits 0 when every target is met', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-review-'));
      try {
        const out = path.join(dir, 'review.csv');
        const { code } = await cli(['--year', '2024', '--region', regionB, '--format', 'csv', '--out', out]);
        expect(code).toBe(0);
        const bytes = readFileSync(out);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
        expect(lines[0]).toBe(
          'targetId,metric,year,regionCode,chainId,comparison,target,actual,gap,status,previousActual,change,unit',
        );
        expect(lines.slice(1)).toEqual([
          `${app.prefix}t3,INDUSTRIAL_ENTERPRISES,2024,${regionB},,AT_LEAST,1,1,0,MET,1,0,enterprises`,
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('prints a Markdown table', async () => {
      const { code, stdout } = await cli(['--year', '2024', '--region', regionA, '--format', 'md']);
      expect(code).toBe(1);
      expect(stdout).toContain(`# Target review 2024 (region ${regionA})`);
      expect(stdout).toContain('| HIGH_TECH_ENTERPRISES | ' + regionA + ' | — | ≥ 3 | 3 | 0 | MET | 2 | 1 |');
      expect(stdout).toContain('| INDUSTRIAL_ENTERPRISES | ' + regionA + ' | — | ≤ 2 | 4 | 2 | NOT_MET | 4 | 0 |');
    }, 60_000);

    it.each([
      [['--year', '2024', '--format', 'xml'], /--format must be one of json, csv, md/],
      [['--format', 'json'], /--year is required/],
      [['--year', '2024', '--region', '419999'], /regionCode: no region has the code "419999"/],
    ])(
      'exits 2 with a message for %j',
      async (args, message) => {
        const { code, stderr } = await cli(args);
        expect(code).toBe(2);
        expect(stderr).toMatch(message);
      },
      60_000,
    );
  });
});
