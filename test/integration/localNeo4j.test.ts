import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDriver, freePort, portIsOpen, runAutoCommit, startLocalNeo4j, stopLocalNeo4j } from '../../src/db';
import neo4j from 'neo4j-driver';
import { LocalNeo4jError, type LocalNeo4jInfo, passwordFile } from '../../src/db/localNeo4j';
import { fromRoot } from '../../src/paths';
import { createTestApp, type TestApp } from '../support/testApp';

/**
 * These tests stop and start Neo4j, so they use their own instance (own data folder and port), never the run's
 * shared one.
 */
describe('local Neo4j launcher and the API around it', () => {
  let home: string;
  let port: number;
  let login: LocalNeo4jInfo;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'ig-lifecycle-'));
    port = await freePort();
    login = await startLocalNeo4j({ home, port, heapMb: 512, pageCacheMb: 64 });
  }, 180_000);

  afterAll(async () => {
    await stopLocalNeo4j(home);
    rmSync(home, { recursive: true, force: true });
  }, 120_000);

  it('refuses to start a second instance on a busy port, names the port, and leaves nothing running', async () => {
    const otherHome = mkdtempSync(path.join(os.tmpdir(), 'ig-busy-'));
    try {
      await expect(startLocalNeo4j({ home: otherHome, port })).rejects.toThrow(
        new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`),
      );
      await expect(startLocalNeo4j({ home: otherHome, port })).rejects.toBeInstanceOf(LocalNeo4jError);
      expect(await stopLocalNeo4j(otherHome)).toBe(false);
    } finally {
      rmSync(otherHome, { recursive: true, force: true });
    }
  });

  it('refuses bolt connections without the password, which is kept owner-only in the data folder', async () => {
    expect(statSync(passwordFile(home)).mode & 0o777).toBe(0o600);
    expect(login.password).toMatch(/^[\w-]{32}$/);
    for (const auth of [
      undefined,
      neo4j.auth.basic('neo4j', 'neo4j'),
      neo4j.auth.basic('neo4j', `${login.password}x`),
    ]) {
      const stranger = neo4j.driver(login.uri, auth, { connectionTimeout: 3_000 });
      try {
        await expect(stranger.executeQuery('RETURN 1')).rejects.toThrow(
          /authentication|unauthorized|scheme 'none' is only allowed/i,
        );
      } finally {
        await stranger.close();
      }
    }
    const driver = createDriver(login);
    try {
      expect((await runAutoCommit(driver, 'neo4j', 'RETURN 1 AS one')).records[0]?.get('one').toNumber()).toBe(1);
    } finally {
      await driver.close();
    }
  });

  it('API: Neo4j stopped → ready 503 within 5 s and coded GraphQL errors; Neo4j back → ready again by itself', async () => {
    const app: TestApp = await createTestApp(login);
    try {
      const base = await app.listen();
      const query = JSON.stringify({ query: '{ regions(limit: 1) { id } }' });
      // As Apollo Client 4 asks: the answer's status says whether it failed (under application/json it is 200).
      const post = () =>
        fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: query,
        });
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      expect((await post()).status).toBe(200);

      await stopLocalNeo4j(home);
      const stoppedAt = Date.now();
      let readyStatus = 200;
      while (Date.now() - stoppedAt < 5_000 && readyStatus !== 503) {
        readyStatus = (await fetch(`${base}/health/ready`)).status;
        if (readyStatus !== 503) await new Promise((r) => setTimeout(r, 100));
      }
      expect(readyStatus).toBe(503);

      const failed = await post();
      expect(failed.status).toBe(503);
      const body = (await failed.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('DATABASE_UNAVAILABLE');
      expect(body.errors[0]?.message).not.toMatch(/bolt|ECONNREFUSED|127\.0\.0\.1/);

      await startLocalNeo4j({ home, port, heapMb: 512, pageCacheMb: 64 });
      const restartedAt = Date.now();
      let back = 503;
      while (Date.now() - restartedAt < 10_000 && back !== 200) {
        back = (await fetch(`${base}/health/ready`)).status;
        if (back !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(back).toBe(200);
      expect((await post()).status).toBe(200);
    } finally {
      await app.close();
    }
  }, 240_000);

  it('keeps the data through five stop/start cycles and never needs recovery', async () => {
    const ids: string[] = [];
    for (let cycle = 1; cycle <= 5; cycle++) {
      const driver = createDriver(login);
      try {
        const id = `cycle-${cycle}`;
        ids.push(id);
        await runAutoCommit(driver, 'neo4j', 'CREATE (:LifecycleProbe {id: $id, cycle: $cycle})', { id, cycle });
        const seen = await runAutoCommit<{ id: string }>(
          driver,
          'neo4j',
          'MATCH (p:LifecycleProbe) RETURN p.id AS id ORDER BY p.cycle',
        );
        expect(seen.records.map((r) => r.get('id'))).toEqual(ids);
      } finally {
        await driver.close();
      }
      expect(await stopLocalNeo4j(home)).toBe(true);
      expect(await portIsOpen(port)).toBe(false);
      await startLocalNeo4j({ home, port, heapMb: 512, pageCacheMb: 64 });
    }
    const driver = createDriver(login);
    try {
      const seen = await runAutoCommit(driver, 'neo4j', 'MATCH (p:LifecycleProbe) RETURN p.id AS id ORDER BY p.cycle');
      expect(seen.records.map((r) => r.get('id'))).toEqual(ids);
    } finally {
      await driver.close();
    }
    // A clean shutdown checkpoints the store, so no start had to replay the transaction log.
    const debugLog = readFileSync(path.join(home, 'logs', 'debug.log'), 'utf8');
    expect(debugLog).not.toMatch(/Recovery required|recovery completed/i);
  }, 600_000);

  it('db:copy: an exact offline copy of the data folder, put back with --from --yes, the old folder kept', async () => {
    const db = (args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_LOCAL_DATA_DIR: home, NEO4J_LOCAL_PORT: String(port) };
        delete env.NEO4J_URI;
        execFile(
          process.execPath,
          [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('src', 'cli', 'db.ts'), 'copy', ...args],
          { cwd: fromRoot(), env: { ...env, NEO4J_LOCAL_HEAP_MB: '512', NEO4J_LOCAL_PAGECACHE_MB: '64' } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const value = async (): Promise<number | null> => {
      const driver = createDriver(login);
      try {
        const r = await runAutoCommit(driver, 'neo4j', "MATCH (p:CopyProbe {id: 'copy-probe'}) RETURN p.v AS v");
        const v: unknown = r.records[0]?.get('v');
        return v === undefined || v === null ? null : Number(v);
      } finally {
        await driver.close();
      }
    };
    const setValue = async (v: number) => {
      const driver = createDriver(login);
      try {
        await runAutoCommit(driver, 'neo4j', "MERGE (p:CopyProbe {id: 'copy-probe'}) SET p.v = $v", { v });
      } finally {
        await driver.close();
      }
    };
    const copies = mkdtempSync(path.join(os.tmpdir(), 'ig-copies-'));
    const copy = path.join(copies, 'copy');
    try {
      await setValue(1);
      const out = await db(['--out', copy]);
      expect(out).toMatchObject({ code: 0 });
      expect(out.out).toMatch(/ready again/);
      expect(existsSync(path.join(copy, 'launcher.json'))).toBe(false);
      await setValue(2);
      expect(await value()).toBe(2);
      // No terminal and no --yes: refused, nothing changed.
      expect(await db(['--from', copy])).toMatchObject({ code: 1 });
      expect(await value()).toBe(2);
      expect((await db(['--from', copy, '--yes'])).code).toBe(0);
      expect(await value()).toBe(1);
      const kept = readdirSync(path.dirname(home)).filter((f) => f.startsWith(`${path.basename(home)}.replaced-`));
      expect(kept).toHaveLength(1);
      for (const k of kept) rmSync(path.join(path.dirname(home), k), { recursive: true, force: true });
      expect(await db(['--out', copy])).toMatchObject({ code: 1 }); // the folder exists already
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
  }, 240_000);

  it('gives a data folder without a password file (made before passwords) one at its next start', async () => {
    expect(await stopLocalNeo4j(home)).toBe(true);
    const before = login.password;
    rmSync(passwordFile(home));
    login = await startLocalNeo4j({ home, port, heapMb: 512, pageCacheMb: 64 });
    expect(login.password).not.toBe(before);
    expect(readFileSync(passwordFile(home), 'utf8').trim()).toBe(login.password);
    const old = neo4j.driver(login.uri, neo4j.auth.basic('neo4j', before), { connectionTimeout: 3_000 });
    try {
      await expect(old.executeQuery('RETURN 1')).rejects.toThrow(/authentication|unauthorized/i);
    } finally {
      await old.close();
    }
    const driver = createDriver(login);
    try {
      const seen = await runAutoCommit(driver, 'neo4j', 'MATCH (p:LifecycleProbe) RETURN count(p) AS n');
      expect(seen.records[0]?.get('n').toNumber()).toBe(5);
    } finally {
      await driver.close();
    }
  }, 240_000);
});
