import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import neo4j, { type Driver, type Integer } from 'neo4j-driver';
import { aggregatesMode, rebuildAggregates } from '../../src/aggregates/rebuild';
import {
  BackupError,
  backupGraph,
  BackupSchedule,
  restoreGraph,
  type RestoreOptions,
  writeRestoreMarker,
} from '../../src/backup';
import {
  asTxMetadata,
  bumpDataVersion,
  createDriver,
  DbHealth,
  freePort,
  type LocalNeo4jInfo,
  migrate,
  runAutoCommit,
  startLocalNeo4j,
  stopLocalNeo4j,
  unrecorded,
  writeTx,
} from '../../src/db';
import { RESTORE_IN_PROGRESS } from '../../src/db/health';
import { createMetrics } from '../../src/http/metrics';
import { createLogger } from '../../src/logger';
import { runCli } from '../support/cliRun';
import { countedWrite, graphFingerprint, writeVariedGraph } from '../support/graphFingerprint';

const DB = 'neo4j';

/**
 * Backup and restore, on two throw-away Neo4j instances of this file's own (a full-database round trip cannot share
 * the run's database): A is backed up, B restored into. Every expected value is known by construction: the
 * fingerprint of A's graph at the moment of its backup.
 */
describe('npm run backup / npm run restore', () => {
  const homes: string[] = [];
  let a: LocalNeo4jInfo;
  let b: LocalNeo4jInfo;
  let driverA: Driver;
  let driverB: Driver;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-backup-files-'));
  const quiet: RestoreOptions = { replace: false, log: () => undefined, confirm: async () => true };

  const start = async (): Promise<LocalNeo4jInfo> => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ig-backup-neo4j-'));
    homes.push(home);
    return startLocalNeo4j({ home, port: await freePort(), heapMb: 512, pageCacheMb: 64 });
  };
  const count = async (driver: Driver, cypher = 'MATCH (n) RETURN count(n) AS n'): Promise<number> =>
    ((await runAutoCommit(driver, DB, cypher)).records[0]?.get(0) as Integer).toNumber();
  const version = async (driver: Driver) => {
    const record = (await runAutoCommit(driver, DB, "MATCH (v:DataVersion {id: 'data'}) RETURN v.epoch, v.value"))
      .records[0];
    return { epoch: record?.get(0) as string, value: (record?.get(1) as Integer).toNumber() };
  };

  /**
   * A backup of A as it is now and the fingerprint of A's graph at that moment (a test that needs a backup makes its
   * own: A grows as the tests write to it).
   */
  const backupOfA = async (name: string) => {
    const fingerprint = await graphFingerprint(driverA);
    const summary = await backupGraph(driverA, DB, path.join(dir, name), { timeoutMs: 60_000 });
    return { summary, fingerprint };
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([start(), start()]);
    driverA = createDriver(a);
    driverB = createDriver(b);
    await Promise.all([migrate(driverA, DB), migrate(driverB, DB)]);
    // A's graph: every value type, and more than a batch (5,000) of nodes and relationships, so that batch edges
    // are crossed; its maintained aggregates built (a backup leaves them out, a restore rebuilds them).
    await writeVariedGraph(driverA, 'rt');
    await countedWrite(
      driverA,
      `UNWIND range(1, 12001) AS i
       CREATE (item:Item {id: 'item-' + i, n: i, share: i / 7.0})
       WITH collect(item) AS items
       UNWIND range(0, size(items) - 2) AS j
       WITH items[j] AS x, items[j + 1] AS y
       CREATE (x)-[:NEXT {gap: 1}]->(y)`,
    );
    expect((await rebuildAggregates(driverA, DB)).rebuilt).toBe(true);
  }, 300_000);

  afterAll(async () => {
    await driverA?.close();
    await driverB?.close();
    for (const home of homes) {
      await stopLocalNeo4j(home);
      rmSync(home, { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('round trip: every value type, audit events, import batches; derived data left out and rebuilt', async () => {
    const firstFingerprint = await graphFingerprint(driverA);
    expect(firstFingerprint.nodes).toBeGreaterThan(12_000);

    const first = await backupGraph(driverA, DB, path.join(dir, 'a.gz'), { timeoutMs: 60_000 });
    expect(first.header.counts.nodes).toBe(firstFingerprint.nodes);
    expect(first.header.counts.relationships).toBe(firstFingerprint.relationships);
    for (const derived of ['AggregateState', 'DataVersion', 'SchemaMigration', 'Contribution']) {
      expect(first.header.counts.labels[derived]).toBeUndefined();
    }
    expect(first.header.counts.labels.AuditEvent).toBeGreaterThanOrEqual(1);
    expect(first.header.counts.types.IMPORTED_IN).toBe(2);
    expect(first.header.dataVersion).toEqual({
      epoch: (await version(driverA)).epoch,
      value: String((await version(driverA)).value),
    });
    expect(readdirSync(dir).filter((name) => name.startsWith('a.'))).toEqual(['a.gz']);

    // B has a data version of its own, moved 3 times: the restore must move past it, to a new epoch.
    for (let i = 0; i < 3; i++) await countedWrite(driverB, 'RETURN 1');
    const before = await version(driverB);
    const restored = await restoreGraph(driverB, DB, first.file, quiet);

    expect(await graphFingerprint(driverB)).toEqual(firstFingerprint);
    expect(restored.resumed).toBe(false);
    const after = await version(driverB);
    expect(after.value).toBe(before.value + 1);
    expect(after.epoch).not.toBe(before.epoch);
    expect(after.epoch).not.toBe(first.header.dataVersion.epoch);
    expect(await count(driverB, 'MATCH (n) WHERE n:RestoreInProgress OR n:__Restoring RETURN count(n)')).toBe(0);
    expect(await count(driverB, "SHOW INDEXES YIELD name WHERE name = 'restoring_key' RETURN count(*)")).toBe(0);
    expect(await aggregatesMode(driverB, DB)).toBe('ready');
    const migrations = await runAutoCommit(driverB, DB, 'MATCH (m:SchemaMigration) RETURN m.name ORDER BY m.name');
    expect(migrations.records.map((r) => r.get(0))).toEqual(first.header.migrationLevel.applied);
  }, 300_000);

  it('under load: 4 writers, a backup in the middle, every writer restored with exactly its writes 1..k', async () => {
    const WRITERS = 4;
    let stop = false;
    const done = Array.from({ length: WRITERS }, () => 0);
    const writer = async (w: number) => {
      for (let n = 1; !stop; n++) {
        await writeTx(driverA, { database: DB, metadata: asTxMetadata(unrecorded('test writer')) }, async (tx) => {
          await tx.run('CREATE (:LoadItem {id: $id, writer: $w, n: $n})', {
            id: `w${w}-${n}`,
            w: neo4j.int(w),
            n: neo4j.int(n),
          });
          await tx.run('MERGE (c:LoadCounter {id: $id}) SET c.value = coalesce(c.value, 0) + 1', { id: `w${w}` });
          await bumpDataVersion(tx);
        });
        done[w - 1] = n;
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, i) => writer(i + 1));
    while (Math.min(...done) < 20) await new Promise((r) => setTimeout(r, 50));
    const loadFile = path.join(dir, 'load.gz');
    const backup = await backupGraph(driverA, DB, loadFile, { timeoutMs: 60_000 });
    const atBackup = [...done];
    while (done.some((n, i) => n < (atBackup[i] ?? 0) + 20)) await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(writers);

    await restoreGraph(driverB, DB, loadFile, { ...quiet, replace: true });
    const loadFingerprint = await graphFingerprint(driverB);
    expect(loadFingerprint.nodes).toBe(backup.header.counts.nodes);
    for (let w = 1; w <= WRITERS; w++) {
      const items = await runAutoCommit(driverB, DB, 'MATCH (i:LoadItem {writer: $w}) RETURN i.n ORDER BY i.n', {
        w: neo4j.int(w),
      });
      const ns = items.records.map((r) => (r.get(0) as Integer).toNumber());
      const counter = await count(driverB, `MATCH (c:LoadCounter {id: 'w${w}'}) RETURN c.value`);
      expect(counter).toBeGreaterThanOrEqual(20);
      expect(ns).toEqual(Array.from({ length: counter }, (_, i) => i + 1));
      // The writer went on after the backup: the backup was taken in the middle of its writes.
      expect(done[w - 1]).toBeGreaterThan(counter);
    }
  }, 300_000);

  it('refuses a truncated, a corrupt, a foreign and a too-new file, leaving the database as it was', async () => {
    const { summary: source } = await backupOfA('source.gz');
    const bytes = readFileSync(source.file);
    // B holds a graph of its own, which every refused restore must leave as it was.
    await countedWrite(driverB, "CREATE (:Item {id: 'b-own-truncated'})");
    const variants: [string, Buffer, RegExp][] = [
      ['truncated.gz', bytes.subarray(0, Math.floor(bytes.length * 0.6)), /truncated\.gz is truncated or corrupt/],
      [
        'random.bin',
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
        /not an innovation-graph backup \(it is not gzip\)/,
      ],
      [
        'other.json.gz',
        gzipSync('{"hello": "world"}\n{"n": 1}\n'),
        /other\.json\.gz is not an innovation-graph backup/,
      ],
    ];
    // A flipped byte in the middle of the body's gzip member (the second member starts after the header's).
    const bodyStart = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), 10);
    expect(bodyStart).toBeGreaterThan(10);
    const flipped = Buffer.from(bytes);
    const at = bodyStart + Math.floor((bytes.length - bodyStart) / 2);
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    variants.push(['flipped.gz', flipped, /flipped\.gz is (truncated or )?corrupt/]);
    // A header naming a migration this code does not have (the body unchanged, so its checksum holds).
    const text = gunzipSync(bytes).toString('utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as { migrationLevel: { applied: string[] } };
    header.migrationLevel.applied.push('9999_future');
    variants.push(['future.gz', gzipSync(`${JSON.stringify(header)}${text.slice(newline)}`), /migration 9999_future/]);

    const nodesBefore = await count(driverB);
    const fingerprintBefore = await graphFingerprint(driverB);
    for (const [name, content, message] of variants) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      await expect(restoreGraph(driverB, DB, file, { ...quiet, replace: true })).rejects.toThrow(message);
      await expect(restoreGraph(driverB, DB, file, { ...quiet, replace: true })).rejects.toBeInstanceOf(BackupError);
    }
    expect(await count(driverB)).toBe(nodesBefore);
    expect(await graphFingerprint(driverB)).toEqual(fingerprintBefore);

    const cli = await runCli('restore', [path.join(dir, 'random.bin')], b);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/restore refused: random\.bin is not an innovation-graph backup/);
    expect(await count(driverB)).toBe(nodesBefore);
  }, 120_000);

  it('refuses a database with data without --replace, and without --yes when there is no terminal', async () => {
    const { summary: first, fingerprint: firstFingerprint } = await backupOfA('replace.gz');
    // B holds data, and not A's graph.
    await countedWrite(driverB, "CREATE (:Item {id: 'b-own-replace'})");
    const nodesBefore = await count(driverB);
    const fingerprintBefore = await graphFingerprint(driverB);
    expect(fingerprintBefore).not.toEqual(firstFingerprint);
    const plain = await runCli('restore', [first.file], b);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/the database holds [\d,]+ nodes: restore into an empty database, or pass --replace/);
    const unconfirmed = await runCli('restore', [first.file, '--replace'], b);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/pass --yes/);
    expect(await count(driverB)).toBe(nodesBefore);
    expect(await graphFingerprint(driverB)).toEqual(fingerprintBefore);

    const replaced = await runCli('restore', [first.file, '--replace', '--yes'], b);
    expect(replaced.stderr).toBe('');
    expect(replaced.code).toBe(0);
    expect(await graphFingerprint(driverB)).toEqual(firstFingerprint);
  }, 180_000);

  it('a marker left by an interrupted restore: not ready, no backup; the next restore wipes and starts over', async () => {
    const { summary: backup, fingerprint } = await backupOfA('resume.gz');
    await writeRestoreMarker(driverB, DB, '/somewhere/else.gz', 'abc');
    await countedWrite(driverB, "CREATE (:Item {id: 'half-written'})");
    const health = new DbHealth(driverB, DB);
    expect(await health.check()).toMatchObject({ ready: false, error: RESTORE_IN_PROGRESS });
    await expect(backupGraph(driverB, DB, path.join(dir, 'b.gz'), { timeoutMs: 10_000 })).rejects.toThrow(
      /a restore is in progress or was interrupted/,
    );
    const lines: string[] = [];
    const summary = await restoreGraph(driverB, DB, backup.file, { ...quiet, log: (line) => lines.push(line) });
    expect(summary.resumed).toBe(true);
    expect(lines.join('\n')).toMatch(/a restore of \/somewhere\/else\.gz .* did not finish: wiping what it wrote/);
    // The half-written node gone, and nothing but the backup's graph.
    expect(await graphFingerprint(driverB)).toEqual(fingerprint);
    expect(await health.check()).toMatchObject({ ready: true });
  }, 120_000);

  it('--timeout-s: a backup that cannot finish in time fails with a clear message and writes no file', async () => {
    const session = driverA.session({ database: DB });
    const holder = session.beginTransaction();
    await holder.run("MATCH (v:DataVersion {id: 'data'}) CALL apoc.lock.nodes([v]) RETURN v.value");
    const file = path.join(dir, 'late.gz');
    try {
      await expect(backupGraph(driverA, DB, file, { timeoutMs: 1_000 })).rejects.toThrow(
        /the backup did not finish within its 1 s timeout .* nothing was written to .*late\.gz; give a longer --timeout-s/,
      );
    } finally {
      await holder.rollback();
      await session.close();
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('late'))).toEqual([]);
  });

  it('scheduled backups: one per tick into the folder, the oldest of its own beyond KEEP deleted, failures counted', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ig-backup-schedule-'));
    try {
      writeFileSync(path.join(folder, 'notes.txt'), 'not ours');
      writeFileSync(path.join(folder, 'innovation-graph-manual.backup.gz'), 'not ours either');
      const logger = createLogger('silent');
      const schedule = new BackupSchedule(driverA, DB, { dir: folder, intervalMinutes: 5, keep: 2 }, logger);
      const both = [schedule.runOnce(), schedule.runOnce()];
      expect(await Promise.all(both)).toEqual([true, false]);
      expect(await schedule.runOnce()).toBe(true);
      expect(await schedule.runOnce()).toBe(true);
      const names = readdirSync(folder).sort();
      expect(names).toHaveLength(4);
      expect(names.filter((n) => /^innovation-graph-\d{8}T\d{9}Z\.backup\.gz$/.test(n))).toHaveLength(2);
      expect(names).toEqual(expect.arrayContaining(['notes.txt', 'innovation-graph-manual.backup.gz']));
      expect(schedule.status()).toMatchObject({ failures: 0, skipped: 1, running: false, keep: 2 });
      expect(path.basename(schedule.status().lastFile ?? '')).toBe(names.filter((n) => /\d{9}Z/.test(n)).pop());

      const nowhere = createDriver({ uri: `bolt://127.0.0.1:${await freePort()}` });
      const failing = new BackupSchedule(nowhere, DB, { dir: folder, intervalMinutes: 5, keep: 2 }, logger);
      try {
        expect(await failing.runOnce()).toBe(false);
      } finally {
        await nowhere.close();
      }
      expect(failing.status()).toMatchObject({ failures: 1, lastSuccessAt: null });
      expect(failing.status().lastFailureAt).not.toBeNull();
      const metrics = createMetrics(() => ({ active: 0, waiting: 0, clients: 0 }), failing);
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/^ig_backup_failures_total 1$/m);
      expect(text).toMatch(/^ig_backup_last_failure_timestamp_seconds \d+/m);
      expect(readdirSync(folder)).toHaveLength(4);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
