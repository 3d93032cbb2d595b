import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, portIsOpen, startLocalNeo4j, stopLocalNeo4j } from '../../src/db';
import type { Driver } from 'neo4j-driver';
import { startApi } from '../../bench/harness';
import { createTestApp, testNeo4j } from '../support/testApp';

const QUERY = JSON.stringify({ query: '{ regions(limit: 1) { id } }' });

/**
 * Closed-loop load: `clients` loops posting QUERY until stopped; every answer's status (0 = no connection). Sent as
 * Apollo Client 4 asks (application/graphql-response+json), so that a refusal has its status (503): under
 * application/json it would be 200, its code in the body.
 */
function load(base: string, clients: number) {
  const answers: { status: number; ms: number; code?: string }[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const t = Date.now();
      try {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json',
            'cache-control': 'no-cache',
          },
          body: QUERY,
        });
        const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
        answers.push({ status: res.status, ms: Date.now() - t, code: body.errors?.[0]?.extensions?.code });
      } catch {
        answers.push({ status: 0, ms: Date.now() - t });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * The longest a request waits for a database connection before it fails: the connection acquisition timeout the
 * API's driver is configured with (src/db/driver.ts createDriver; it includes the connection timeout). neo4j-driver
 * keeps its configuration on the instance only.
 */
function acquisitionTimeoutMs(driver: Driver): number {
  const { connectionAcquisitionTimeout } = (driver as unknown as { _config: { connectionAcquisitionTimeout?: number } })
    ._config;
  if (typeof connectionAcquisitionTimeout !== 'number') throw new Error('the driver has no acquisition timeout');
  return connectionAcquisitionTimeout;
}

/** What an answer may take beyond the timeout it waits for: the server's own work and the test machine's jitter. */
const MARGIN_MS = 3_000;

/**
 * How long a drained request may hold up the API's exit (src/index.ts shutdown: server.stop() drains the HTTP
 * server): the drain plugin's grace period, which src/server.ts leaves at Apollo's default of 10 s.
 */
const DRAIN_GRACE_MS = 10_000;

const until = async (check: () => Promise<boolean>, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe('faults under load', () => {
  it('Neo4j killed (SIGKILL) under load: fast coded 503s, then recovery without restarting the API', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ig-fault-neo4j-'));
    const port = await freePort();
    const info = await startLocalNeo4j({ home, port, heapMb: 512, pageCacheMb: 64 });
    // The load is one client hammering at full speed: no rate limit here, this test is about the database.
    const app = await createTestApp(info, { fairness: { ratePerMinute: 0 } });
    try {
      const base = await app.listen();
      const traffic = load(base, 4);
      await new Promise((r) => setTimeout(r, 1000));
      process.kill(info.pid, 'SIGKILL');
      const killedAt = Date.now();
      expect(await until(async () => !(await portIsOpen(port)), 10_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 4000));
      const during = traffic.answers.filter((a) => a.status !== 200);
      await startLocalNeo4j({ home, port, heapMb: 512, pageCacheMb: 64 });
      const back = await until(async () => (await fetch(`${base}/health/ready`)).status === 200, 60_000);
      const resumedAt = traffic.answers.length;
      await new Promise((r) => setTimeout(r, 1500));
      await traffic.stop();
      const after = traffic.answers.slice(resumedAt);
      console.log(
        `killed at +0: ${during.length} refused answers while down, codes ${[...new Set(during.map((a) => `${a.status} ${a.code}`))].join(', ')}, ` +
          `slowest ${Math.max(...during.map((a) => a.ms))} ms; ready again ${Math.round((Date.now() - killedAt) / 1000)} s after the kill; ` +
          `${after.filter((a) => a.status === 200).length}/${after.length} ok after`,
      );
      expect(during.length).toBeGreaterThan(0);
      // Every failure is a coded 503 (DATABASE_UNAVAILABLE), answered within the driver's timeouts, never a 500.
      expect(during.filter((a) => a.status !== 503 || a.code !== 'DATABASE_UNAVAILABLE')).toEqual([]);
      expect(Math.max(...during.map((a) => a.ms))).toBeLessThan(acquisitionTimeoutMs(app.driver) + MARGIN_MS);
      expect(back).toBe(true);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((a) => a.status === 200)).toBe(true);
    } finally {
      await app.close();
      await stopLocalNeo4j(home);
      rmSync(home, { recursive: true, force: true });
    }
  }, 240_000);

  it('SIGTERM under load: in-flight requests are answered, no error is served, the process exits 0', async () => {
    // The API as in production, in its own process (the benchmarks' launcher: it waits for /health/ready).
    const { url, child } = await startApi(testNeo4j());
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const base = url.replace(/\/graphql$/, '');
    try {
      const traffic = load(base, 6);
      await new Promise((r) => setTimeout(r, 1500));
      const sentAt = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      const exitMs = Date.now() - sentAt;
      await traffic.stop();
      const answered = traffic.answers.filter((a) => a.status !== 0);
      console.log(
        `SIGTERM: exit ${code} after ${exitMs} ms; ${answered.length} answers, all 200: ${answered.every((a) => a.status === 200)}`,
      );
      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(DRAIN_GRACE_MS + MARGIN_MS);
      expect(answered.length).toBeGreaterThan(10);
      expect(answered.filter((a) => a.status !== 200)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
});
