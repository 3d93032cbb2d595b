import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { resetDatabase } from '../../seed/loadSeed';
import { createDriver, freePort, migrate, runAutoCommit, startLocalNeo4j, stopLocalNeo4j, toPlain } from '../../src/db';

/** `npm run seed -- --reset` wipes a whole database: it runs on a throw-away Neo4j of its own. */
describe('seed --reset: deletes every domain node, and the change history keeps what it deleted', () => {
  let home: string;
  let driver: Driver;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'ig-reset-'));
    const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 512, pageCacheMb: 64 });
    driver = createDriver(info);
    await migrate(driver, 'neo4j');
  }, 180_000);
  afterAll(async () => {
    await driver.close();
    await stopLocalNeo4j(home);
    rmSync(home, { recursive: true, force: true });
  }, 120_000);

  it('records each deleted node under seed --reset events, not as a write made around the API', async () => {
    // 4,500 firms, each in a region: more than two of the reset's batches of 2,000.
    await runAutoCommit(
      driver,
      'neo4j',
      `CREATE (r:Region {id: 'reset-region', code: '419999', name: '测试区（示例）', level: 'DISTRICT', synthetic: true})
       WITH r UNWIND range(1, 4500) AS i
       CREATE (:Enterprise {id: 'reset-firm-' + i, name: '企业' + i + '（示例）', aboveScale: true, backbone: false,
         synthetic: true})-[:LOCATED_IN]->(r)`,
      {},
      { app: 'innovation-graph', operation: 'test write', actor: 'test setup', history: 'skip' },
    );
    await resetDatabase(driver, 'neo4j');
    const count = async (cypher: string) =>
      Number(toPlain((await runAutoCommit(driver, 'neo4j', cypher)).records[0]?.get('n')));
    expect(await count('MATCH (e:Enterprise) RETURN count(e) AS n')).toBe(0);
    expect(await count("MATCH (c:Change {action: 'DELETED', entity: 'NODE'}) RETURN count(c) AS n")).toBe(4501);
    expect(await count("MATCH (c:Change {action: 'DELETED', entity: 'RELATIONSHIP'}) RETURN count(c) AS n")).toBe(4500);
    const events = await runAutoCommit(
      driver,
      'neo4j',
      `MATCH (a:AuditEvent) WHERE a.nodesDeleted > 0
       RETURN a.operation AS operation, a.outsideApi AS outside, sum(a.nodesDeleted) AS deleted, count(a) AS events`,
    );
    expect(events.records.map((r) => toPlain(r.toObject()))).toEqual([
      { operation: 'seed --reset', outside: false, deleted: 4501, events: 3 },
    ]);
    const firm = await runAutoCommit(
      driver,
      'neo4j',
      "MATCH (c:Change {nodeId: 'reset-firm-7'}) RETURN c.before AS before",
    );
    expect(JSON.parse(firm.records[0]?.get('before') as string)).toMatchObject({
      name: '企业7（示例）',
      synthetic: true,
    });
  }, 180_000);
});
