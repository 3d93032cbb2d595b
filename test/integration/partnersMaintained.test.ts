import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { loadSeed } from '../../seed/loadSeed';
import { Random } from '../../seed/random';
import { beginUpkeep } from '../../src/aggregates';
import { rebuildAggregates } from '../../src/aggregates/rebuild';
import {
  APP,
  bumpDataVersion,
  createDriver,
  freePort,
  migrate,
  readTx,
  startLocalNeo4j,
  stopLocalNeo4j,
  writeTx,
} from '../../src/db';
import { partnerCountersReady, type PartnerSuggestion, suggestPartnersFor } from '../../src/queries/partners';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';
import { aggregatesReady } from '../support/aggregates';
import { nextRegionCode } from '../support/regionCodes';

type Answers = Map<string, PartnerSuggestion[]>;

/** The suggestions of `ids` from the maintained counters and live, in one read each, with the counters' readiness. */
async function bothWays(
  driver: Driver,
  ids: string[],
  limit = 50,
): Promise<{ ready: boolean; maintained: Answers; live: Answers }> {
  return readTx(driver, { database: DATABASE }, async (tx) => ({
    ready: await partnerCountersReady(tx),
    maintained: await suggestPartnersFor(tx, ids, limit),
    live: await suggestPartnersFor(tx, ids, limit, null, 'live'),
  }));
}

/**
 * The partner suggestions from the maintained partner counters (cypher/partners/partnerSuggestionsMaintained.cypher)
 * equal the live statement's (partnerSuggestions.cypher) for the same graph: on a graph of this file's own built so
 * that every rule the counters must reproduce has a case (the 25 most used candidates of a class with a tie at the
 * cut, division and county peers, peers in several of a firm's segments counted once, the firm itself left out, a
 * firm in more segments than the counters hold, platforms by HOSTS and PARTNERS_WITH either way, an institute), then
 * after writes the upkeep must follow; and on the demo city for a sample of firms.
 */
describe('partner suggestions from the maintained counters equal the live ones', () => {
  describe('on a graph built for it, before and after writes', () => {
    let app: TestApp;
    const id = (key: string) => `${app.prefix}${key}`;
    // Codes under the fictitious section Y (partners.test.ts draws other divisions of it; a collision only adds
    // evidence that both ways count alike).
    const d = randomInt(10, 90);
    const cls = `Y${d}51`;
    const other = `Y${d}52`;
    const far = `Y${((d + 5) % 90) + 10}10`;

    beforeAll(async () => {
      app = await createTestApp(undefined, { responseCacheMb: 0 });
      // 30 universities u01..u30 of class `cls`: u01..u24 with 2 firms each, u25..u30 with 1 (all in k2): the class's
      // 25 most used are u01..u25 (a tie at 1 cut by id). E (cls, k1) is in segments s1 and s2 and cooperates with
      // u01; E4 is in s1..s4. Segment peers of class `far` in k2: sp1 in s1, sp2 in s2, sp3 in s1 and s2 (all
      // cooperate with us: 3 peers, not 4), sp4 in s3 and s4; sp1 hosts pl9, which E PARTNERS_WITH (E works with it
      // but is no partner of it: not excluded); plH is hosted by sp2, plP partners with sp1; sp3 cooperates with ri.
      // Division peers (class `other`) dv1, dv2 in k1 cooperate with uk.
      await app.write(
        `CREATE (k1:Region {id: $p + 'k1', code: $k1, name: '甲县（示例）', level: 'COUNTY', synthetic: true})
         CREATE (k2:Region {id: $p + 'k2', code: $k2, name: '乙县（示例）', level: 'COUNTY', synthetic: true})
         CREATE (chain:IndustryChain {id: $p + 'chain', name: '维护测试链（示例）', leading: false, verified: false, synthetic: true})
         FOREACH (s IN ['s1', 's2', 's3', 's4'] |
           CREATE (:ChainSegment {id: $p + s, name: s + '（示例）', position: 'MIDSTREAM', synthetic: true})-[:OF_CHAIN]->(chain))
         FOREACH (i IN range(1, 30) |
           CREATE (:University {id: $p + 'u' + right('0' + i, 2), name: 'U' + i + '（示例）', local: true, synthetic: true}))
         CREATE (:University {id: $p + 'us', name: 'US（示例）', local: true, synthetic: true})
         CREATE (:University {id: $p + 'uk', name: 'UK（示例）', local: true, synthetic: true})
         CREATE (:ResearchInstitute {id: $p + 'ri', name: 'RI（示例）', local: true, synthetic: true})
         FOREACH (pl IN ['pl9', 'plH', 'plP', 'plX'] |
           CREATE (:Platform {id: $p + pl, name: pl + '（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', synthetic: true}))
         WITH k1, k2
         CREATE (e:Enterprise {id: $p + 'e', name: 'E（示例）', industryCode: $cls, aboveScale: true, backbone: false, synthetic: true})-[:LOCATED_IN]->(k1)
         CREATE (e4:Enterprise {id: $p + 'e4', name: 'E4（示例）', industryCode: $cls, aboveScale: true, backbone: false, synthetic: true})-[:LOCATED_IN]->(k1)
         WITH k1, k2
         UNWIND range(1, 30) AS i
         UNWIND range(1, CASE WHEN i <= 24 THEN 2 ELSE 1 END) AS j
         MATCH (u:University {id: $p + 'u' + right('0' + i, 2)})
         CREATE (:Enterprise {id: $p + 'c' + i + '-' + j, name: 'C' + i + '-' + j + '（示例）', industryCode: $cls, aboveScale: false, backbone: false, synthetic: true})-[:COOPERATES_WITH]->(u)`,
        { k1: nextRegionCode(), k2: nextRegionCode(), cls },
      );
      await app.write(
        `MATCH (k1:Region {id: $p + 'k1'}), (k2:Region {id: $p + 'k2'})
         MATCH (c:Enterprise) WHERE c.id STARTS WITH $p + 'c'
         CREATE (c)-[:LOCATED_IN]->(k2)
         WITH DISTINCT k1, k2
         MATCH (e:Enterprise {id: $p + 'e'}), (e4:Enterprise {id: $p + 'e4'}), (u01:University {id: $p + 'u01'})
         MATCH (s1:ChainSegment {id: $p + 's1'}), (s2:ChainSegment {id: $p + 's2'}),
               (s3:ChainSegment {id: $p + 's3'}), (s4:ChainSegment {id: $p + 's4'})
         MATCH (us:University {id: $p + 'us'}), (uk:University {id: $p + 'uk'}), (ri:ResearchInstitute {id: $p + 'ri'})
         MATCH (pl9:Platform {id: $p + 'pl9'}), (plH:Platform {id: $p + 'plH'}), (plP:Platform {id: $p + 'plP'})
         CREATE (e)-[:COOPERATES_WITH]->(u01), (e)-[:OPERATES_IN]->(s1), (e)-[:OPERATES_IN]->(s2)
         CREATE (e)-[:PARTNERS_WITH]->(pl9)
         CREATE (e4)-[:OPERATES_IN]->(s1), (e4)-[:OPERATES_IN]->(s2), (e4)-[:OPERATES_IN]->(s3), (e4)-[:OPERATES_IN]->(s4)
         CREATE (sp1:Enterprise {id: $p + 'sp1', name: 'SP1（示例）', industryCode: $far, aboveScale: false, backbone: false, synthetic: true})
         CREATE (sp2:Enterprise {id: $p + 'sp2', name: 'SP2（示例）', industryCode: $far, aboveScale: false, backbone: false, synthetic: true})
         CREATE (sp3:Enterprise {id: $p + 'sp3', name: 'SP3（示例）', industryCode: $far, aboveScale: false, backbone: false, synthetic: true})
         CREATE (sp4:Enterprise {id: $p + 'sp4', name: 'SP4（示例）', industryCode: $far, aboveScale: false, backbone: false, synthetic: true})
         CREATE (sp1)-[:OPERATES_IN]->(s1), (sp2)-[:OPERATES_IN]->(s2), (sp3)-[:OPERATES_IN]->(s1), (sp3)-[:OPERATES_IN]->(s2)
         CREATE (sp4)-[:OPERATES_IN]->(s3), (sp4)-[:OPERATES_IN]->(s4)
         CREATE (sp1)-[:COOPERATES_WITH]->(us), (sp2)-[:COOPERATES_WITH]->(us), (sp3)-[:COOPERATES_WITH]->(us),
                (sp4)-[:COOPERATES_WITH]->(us), (sp3)-[:COOPERATES_WITH]->(ri)
         CREATE (sp1)-[:HOSTS]->(pl9), (sp2)-[:HOSTS]->(plH), (plP)-[:PARTNERS_WITH]->(sp1)
         CREATE (sp1)-[:LOCATED_IN]->(k2), (sp2)-[:LOCATED_IN]->(k2), (sp3)-[:LOCATED_IN]->(k2), (sp4)-[:LOCATED_IN]->(k2)
         CREATE (dv1:Enterprise {id: $p + 'dv1', name: 'DV1（示例）', industryCode: $other, aboveScale: false, backbone: false, synthetic: true})
         CREATE (dv2:Enterprise {id: $p + 'dv2', name: 'DV2（示例）', industryCode: $other, aboveScale: false, backbone: false, synthetic: true})
         CREATE (dv1)-[:LOCATED_IN]->(k1), (dv2)-[:LOCATED_IN]->(k1), (dv1)-[:COOPERATES_WITH]->(uk), (dv2)-[:COOPERATES_WITH]->(uk)`,
        { cls, other, far },
      );
      await aggregatesReady(app.driver);
    }, 180_000);
    afterAll(async () => {
      await app.close();
    });

    const firms = () => ['e', 'e4', 'sp1', 'sp2', 'sp3', 'sp4', 'dv1', 'c1-1', 'c30-1'].map(id);

    /**
     * A write that touches only `touched` (by label), kept right like a write of ours (src/aggregates/upkeep.ts): the
     * subjects whose partner marks it changes must be found from these nodes (cypher/aggregates/subjectsNear.cypher).
     */
    async function narrowWrite(cypher: string, touched: Record<string, string[]>): Promise<void> {
      const metadata = { app: APP, operation: 'test write', actor: 'test setup' };
      await writeTx(app.driver, { database: DATABASE, metadata }, async (tx) => {
        const upkeep = await beginUpkeep(tx, { ids: touched });
        await tx.run(cypher, { p: app.prefix });
        expect(await upkeep.after(tx)).toBe('refreshed');
        await bumpDataVersion(tx);
      });
    }

    it('reads the counters and answers as the live statement, by construction', async () => {
      const { ready: counters, maintained, live } = await bothWays(app.driver, firms());
      expect(counters).toBe(true);
      expect(maintained).toEqual(live);
      const e = new Map((maintained.get(id('e')) ?? []).map((s) => [s.id, s]));
      // The class's 25 most used: u01 (E, c1-1, c1-2), u02..u24 (2 firms each), then of the tie at 1 (E works with
      // pl9; u25..u30 have a firm each) pl9, first by id; u25 is cut. u01 is E's partner.
      expect(e.get(id('u24'))).toMatchObject({ industryPeers: 2 });
      expect(e.get(id('pl9'))).toMatchObject({ industryPeers: 1 });
      expect(e.has(id('u25'))).toBe(false);
      expect(e.has(id('u01'))).toBe(false);
      // sp1, sp2, sp3 share a segment with E: 3 firms, sp3 (in both) once.
      expect(e.get(id('us'))).toMatchObject({ segmentPeers: 3 });
      // pl9: hosted by sp1; E works with it too but is not its own segment peer.
      expect(e.get(id('pl9'))).toMatchObject({ segmentPeers: 1 });
      expect(e.get(id('plP'))).toMatchObject({ segmentPeers: 1 });
      expect(e.get(id('plH'))).toMatchObject({ segmentPeers: 1 });
      expect(e.get(id('ri'))).toMatchObject({ segmentPeers: 1 });
      expect(e.get(id('uk'))).toMatchObject({ divisionPeers: 2, countyPeers: 2 });
      // E4 (4 segments, counted live): sp1..sp4 work with us.
      expect((maintained.get(id('e4')) ?? []).find((s) => s.id === id('us'))).toMatchObject({ segmentPeers: 4 });
    }, 120_000);

    it('answers as the live statement after writes the upkeep follows', async () => {
      // sp1 joins class `cls`, dv2 moves to k2, c26-1 partners with a new platform plN (either direction counts).
      await app.write(
        `MATCH (sp1:Enterprise {id: $p + 'sp1'}) SET sp1.industryCode = $cls
         WITH sp1
         MATCH (dv2:Enterprise {id: $p + 'dv2'})-[l:LOCATED_IN]->(), (k2:Region {id: $p + 'k2'})
         DELETE l CREATE (dv2)-[:LOCATED_IN]->(k2)
         WITH sp1
         MATCH (c:Enterprise {id: $p + 'c26-1'})
         CREATE (c)-[:PARTNERS_WITH]->(:Platform {id: $p + 'plN', name: 'PLN（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', synthetic: true})`,
        { cls },
      );
      // Writes that name only the node on the far side of the firms.
      await narrowWrite(`MATCH (ri:ResearchInstitute {id: $p + 'ri'}) DETACH DELETE ri`, {
        ResearchInstitute: [id('ri')],
      });
      await narrowWrite(
        `MATCH (plX:Platform {id: $p + 'plX'}), (sp2:Enterprise {id: $p + 'sp2'}) CREATE (plX)-[:PARTNERS_WITH]->(sp2)`,
        { Platform: [id('plX')] },
      );
      await narrowWrite(`MATCH (u:University {id: $p + 'u24'}) DETACH DELETE u`, { University: [id('u24')] });
      await narrowWrite(
        `MATCH (sp4:Enterprise {id: $p + 'sp4'}), (s1:ChainSegment {id: $p + 's1'}) CREATE (sp4)-[:OPERATES_IN]->(s1)`,
        { ChainSegment: [id('s1')] },
      );
      const { ready: counters, maintained, live } = await bothWays(app.driver, [...firms(), id('dv2')]);
      expect(counters).toBe(true);
      expect(maintained).toEqual(live);
      const e = new Map((maintained.get(id('e')) ?? []).map((s) => [s.id, s]));
      expect(e.has(id('ri'))).toBe(false);
      expect(e.has(id('u24'))).toBe(false);
      expect(e.get(id('plX'))).toMatchObject({ segmentPeers: 1 });
      expect(e.get(id('us'))).toMatchObject({ segmentPeers: 4 });
      expect(e.get(id('uk'))).toMatchObject({ divisionPeers: 2, countyPeers: 1 });
      // Class `cls` now: u01 3, u02..u23 2, pl9 2 (E, sp1), then of the tie at 1 plN first by id (before plP, u25…).
      expect(e.get(id('plN'))).toMatchObject({ industryPeers: 1 });
      expect(e.get(id('plP'))).toMatchObject({ industryPeers: 0, segmentPeers: 1 });
    }, 180_000);
  });

  describe('on the demo city (scale 1), for a sample of firms', () => {
    let home: string;
    let driver: Driver;

    beforeAll(async () => {
      home = mkdtempSync(path.join(os.tmpdir(), 'ig-partners-maintained-'));
      const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 1024, pageCacheMb: 256 });
      driver = createDriver(info);
      await migrate(driver, DATABASE);
      await loadSeed(driver, DATABASE, { scale: 1 });
      const built = await rebuildAggregates(driver, DATABASE);
      if (!built.rebuilt) throw new Error(`the aggregates were not built: ${built.reason}`);
    }, 900_000);
    afterAll(async () => {
      await driver?.close();
      await stopLocalNeo4j(home);
      rmSync(home, { recursive: true, force: true });
    }, 120_000);

    it('gives every sampled firm the live suggestions, pages of 50', async () => {
      // Firms in a segment, firms with partners of their own, and a seeded draw of all firms.
      const ids = await readTx(driver, { database: DATABASE }, async (tx) => {
        const result = await tx.run(
          `MATCH (e:Enterprise)
           RETURN e.id AS id, EXISTS { (e)-[:OPERATES_IN]->() } AS inSegment,
                  EXISTS { (e)-[:COOPERATES_WITH|HOSTS|PARTNERS_WITH]-() } AS partnered
           ORDER BY id`,
        );
        return result.records.map((r) => ({
          id: r.get('id') as string,
          inSegment: r.get('inSegment') as boolean,
          partnered: r.get('partnered') as boolean,
        }));
      });
      const random = new Random(20261207);
      const sample = [
        ...random.shuffle(ids.filter((f) => f.inSegment)).slice(0, 100),
        ...random.shuffle(ids.filter((f) => f.partnered)).slice(0, 100),
        ...random.shuffle(ids).slice(0, 100),
      ].map((f) => f.id);
      const pages = [...new Set(sample)];
      let compared = 0;
      for (let i = 0; i < pages.length; i += 50) {
        const { ready: counters, maintained, live } = await bothWays(driver, pages.slice(i, i + 50), 10);
        expect(counters).toBe(true);
        expect(maintained).toEqual(live);
        compared += maintained.size;
      }
      expect(compared).toBe(pages.length);
    }, 600_000);
  });
});
