import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver, Integer } from 'neo4j-driver';
import { backupGraph, restoreMarker } from '../../src/backup';
import {
  createDriver,
  freePort,
  type LocalNeo4jInfo,
  migrate,
  runAutoCommit,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../../src/db';
import { RESTORE_IN_PROGRESS } from '../../src/db/health';
import { runCli, startCli } from '../support/cliRun';
import { countedWrite, graphFingerprint, writeVariedGraph } from '../support/graphFingerprint';
import { createTestApp } from '../support/testApp';

const KILLS = 3;

/**
 * `npm run restore` killed with SIGKILL at random points after its marker is written: each time the database says it
 * is not ready (DbHealth and /health/ready) while the marker is there, and the next restore — without --replace —
 * wipes what the killed one wrote and finishes with the backup's exact graph. On a throw-away Neo4j of its own (a
 * restore replaces the whole database).
 */
describe('a restore killed at any point is finished by the next restore, and never served as ready', () => {
  let home: string;
  let info: LocalNeo4jInfo;
  let driver: Driver;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-restore-kill-'));
  const file = path.join(dir, 'graph.gz');
  let expected: Awaited<ReturnType<typeof graphFingerprint>>;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'ig-restore-kill-neo4j-'));
    info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 512, pageCacheMb: 64 });
    driver = createDriver(info);
    await migrate(driver, 'neo4j');
    await writeVariedGraph(driver, 'kill');
    // Enough to take the restore several seconds: 20,000 nodes and as many relationships, in 4 load batches each.
    await countedWrite(
      driver,
      `UNWIND range(1, 20000) AS i
       CREATE (item:Item {id: 'item-' + i, n: i, at: date('2024-01-01') + duration({days: i % 365})})
       WITH collect(item) AS items
       UNWIND range(0, size(items) - 1) AS j
       WITH j, items[j] AS x, items[(j + 1) % size(items)] AS y
       CREATE (x)-[:NEXT {j: j}]->(y)`,
    );
    expected = await graphFingerprint(driver);
    await backupGraph(driver, 'neo4j', file, { timeoutMs: 120_000 });
  }, 300_000);

  afterAll(async () => {
    await driver?.close();
    if (home) {
      await stopLocalNeo4j(home);
      rmSync(home, { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it(`killed ${KILLS} times at random points, then run again: the backup's graph, ready`, async () => {
    const app = await createTestApp(info);
    const url = await app.listen();
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // The first run replaces the graph the backup came from; later ones find the marker and need no --replace.
        const run = startCli('restore', kill === 0 ? [file, '--replace', '--yes'] : [file], info);
        const deadline = Date.now() + 120_000;
        while (!run.output().includes('marker written') && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(run.output()).toContain('marker written');
        const delay = Math.floor(Math.random() * 4_000);
        await new Promise((resolve) => setTimeout(resolve, delay));
        process.kill(-(run.child.pid as number), 'SIGKILL');
        const ended = await run.exited;
        expect(ended.signal ?? ended.code).not.toBe(0);
        if (kill > 0) expect(run.output()).toMatch(/did not finish: wiping what it wrote and starting over/);

        expect(await restoreMarker(driver, 'neo4j')).toMatchObject({ file });
        expect(await app.health.check()).toMatchObject({ ready: false, error: RESTORE_IN_PROGRESS });
        const ready = await fetch(`${url}/health/ready`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ neo4j: { error: RESTORE_IN_PROGRESS } });
      }

      const last = await runCli('restore', [file], info);
      expect(last.stderr).toBe('');
      expect(last.code).toBe(0);
      expect(last.stdout).toMatch(/did not finish: wiping what it wrote and starting over/);
      expect(await graphFingerprint(driver)).toEqual(expected);
      const leftovers = await runAutoCommit(
        driver,
        'neo4j',
        'MATCH (n) WHERE n:RestoreInProgress OR n:__Restoring RETURN count(n) AS n',
      );
      expect((leftovers.records[0]?.get('n') as Integer).toNumber()).toBe(0);
      expect(await app.health.check()).toMatchObject({ ready: true });
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    } finally {
      await app.close();
    }
  }, 600_000);
});
