import { readTx } from '../../src/db';
import { graphVocabulary } from '../../src/domain/vocabulary';
import { neighborhood as queryNeighborhood } from '../../src/queries/maps';
import type { Subgraph } from '../../src/queries/subgraph';
import { countingDriver, createTestApp, DATABASE, type TestApp } from '../support/testApp';

const types = graphVocabulary().relationshipTypes;

const SUBGRAPH = `
  fragment G on Subgraph {
    nodes { id type label properties }
    edges { id type source target properties }
    truncated
    omitted { relationshipType count }
  }`;

const NEIGHBORHOOD = `${SUBGRAPH}
  query ($id: ID!, $depth: Int, $relationshipTypes: [RelationshipType!], $labels: [NodeLabel!], $limit: Int) {
    neighborhood(id: $id, depth: $depth, relationshipTypes: $relationshipTypes, labels: $labels, limit: $limit) {
      ...G
    }
  }`;

const SHORTEST_PATH = `${SUBGRAPH}
  query ($fromId: ID!, $toId: ID!, $maxHops: Int, $relationshipTypes: [RelationshipType!], $all: Boolean) {
    shortestPath(fromId: $fromId, toId: $toId, maxHops: $maxHops, relationshipTypes: $relationshipTypes, all: $all) {
      ...G
    }
  }`;

const CHAIN_MAP = `${SUBGRAPH}
  query ($chainId: ID!) { chainMap(chainId: $chainId) { ...G } }`;

type GraphQLErrors = readonly { message: string; extensions?: Record<string, unknown> }[];

describe('relationship maps (neighborhood, shortestPath, chainMap) on a real Neo4j', () => {
  let app: TestApp;
  /** The statements the server runs (the test's own writes bypass it). */
  let counter: ReturnType<typeof countingDriver>;
  /** A test-local id: every node a test creates has its id built by `$p + key`, so close() removes it. */
  const id = (key: string): string => `${app.prefix}${key}`;

  beforeAll(async () => {
    app = await createTestApp(undefined, {
      // No response cache: it reads the data version before any resolver runs, and the count of statements a
      // refused request ran is to be the resolver's.
      responseCacheMb: 0,
      wrapDriver: (driver) => {
        counter = countingDriver(driver);
        return counter.driver;
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const write = (cypher: string, params?: Record<string, unknown>): Promise<void> => app.write(cypher, params);

  async function ask(field: string, query: string, variables: Record<string, unknown>): Promise<Subgraph> {
    const result = await app.execute<Record<string, Subgraph>>(query, variables);
    expect(result.errors).toBeUndefined();
    const answer = result.data?.[field];
    if (!answer) throw new Error('no data');
    return answer;
  }

  async function errorsOf(query: string, variables: Record<string, unknown>): Promise<GraphQLErrors> {
    const result = await app.execute(query, variables);
    expect(result.data ?? null).toBeNull();
    return result.errors ?? [];
  }

  const neighborhood = (variables: Record<string, unknown>) => ask('neighborhood', NEIGHBORHOOD, variables);
  const shortestPath = (variables: Record<string, unknown>) => ask('shortestPath', SHORTEST_PATH, variables);
  const ids = (subgraph: Subgraph): string[] => subgraph.nodes.map((n) => n.id).sort();
  const edgeIds = (subgraph: Subgraph): string[] => subgraph.edges.map((e) => e.id).sort();

  describe('neighborhood', () => {
    it('caps a hub at limit nodes: small relationship types whole, then the best-connected suppliers, counts exact', async () => {
      // hub: 300 customers (c000–c299; c000–c019 also LOCATED_IN the region, so degree 2), 10 suppliers, a region,
      // two hosted platforms. limit 50 = the hub + 49: both platforms, the region, then 46 SUPPLIES neighbours.
      await write(
        `CREATE (hub:Enterprise {id: $p + 'hub', name: '枢纽企业（示例）', synthetic: true})
         CREATE (region:Region {id: $p + 'hub-region', code: $p + 'hub-region', name: '测试区', level: 'DISTRICT'})
         CREATE (hub)-[:LOCATED_IN]->(region)
         FOREACH (k IN range(1, 2) |
           CREATE (hub)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'hub-platform' + k, name: 'p' + k}))
         FOREACH (i IN range(0, 299) |
           CREATE (c:Enterprise {id: $p + 'hub-c' + right('00' + i, 3), name: 'c' + i})
           CREATE (hub)-[:SUPPLIES {product: '尼龙66'}]->(c)
           FOREACH (_ IN CASE WHEN i < 20 THEN [1] ELSE [] END | CREATE (c)-[:LOCATED_IN]->(region)))
         FOREACH (i IN range(0, 9) |
           CREATE (:Enterprise {id: $p + 'hub-s' + right('00' + i, 3), name: 's' + i})-[:SUPPLIES]->(hub))`,
      );

      const capped = await neighborhood({ id: id('hub'), limit: 50 });

      const customers = (from: number, to: number) =>
        Array.from({ length: to - from + 1 }, (_, k) => id(`hub-c${String(from + k).padStart(3, '0')}`));
      expect(ids(capped)).toEqual(
        [id('hub'), id('hub-region'), id('hub-platform1'), id('hub-platform2'), ...customers(0, 45)].sort(),
      );
      expect(capped.truncated).toBe(true);
      expect(capped.omitted).toEqual([{ relationshipType: 'SUPPLIES', count: 310 - 46 }]);
      // Every relationship between two nodes of the answer: 46 SUPPLIES, 2 HOSTS, the hub's and c000–c019's LOCATED_IN.
      expect(capped.edges).toHaveLength(46 + 2 + 1 + 20);
      expect(capped.edges).toContainEqual({
        id: `SUPPLIES:${id('hub')}->${id('hub-c000')}`,
        type: 'SUPPLIES',
        source: id('hub'),
        target: id('hub-c000'),
        properties: { product: '尼龙66' },
      });
      expect(capped.nodes.find((n) => n.id === id('hub'))).toEqual({
        id: id('hub'),
        type: 'Enterprise',
        label: '枢纽企业（示例）',
        properties: { id: id('hub'), name: '枢纽企业（示例）', synthetic: true },
      });

      const whole = await neighborhood({ id: id('hub'), limit: 1000 });
      expect(whole.nodes).toHaveLength(1 + 300 + 10 + 1 + 2);
      expect(whole.truncated).toBe(false);
      expect(whole.omitted).toEqual([]);

      const centreOnly = await neighborhood({ id: id('hub'), limit: 1 });
      expect(ids(centreOnly)).toEqual([id('hub')]);
      expect(centreOnly.omitted).toEqual([
        { relationshipType: 'SUPPLIES', count: 310 },
        { relationshipType: 'HOSTS', count: 2 },
        { relationshipType: 'LOCATED_IN', count: 1 },
      ]);
    });

    it('shows a node reachable two ways once, with both its edges, at depth 2', async () => {
      // a → b → d, a → c → d, d → e
      await write(
        `CREATE (a:Enterprise {id: $p + 'dia-a', name: 'a'}), (b:Enterprise {id: $p + 'dia-b', name: 'b'}),
                (c:Enterprise {id: $p + 'dia-c', name: 'c'}), (d:Enterprise {id: $p + 'dia-d', name: 'd'}),
                (e:Enterprise {id: $p + 'dia-e', name: 'e'})
         CREATE (a)-[:SUPPLIES]->(b), (a)-[:SUPPLIES]->(c), (b)-[:SUPPLIES]->(d), (c)-[:SUPPLIES]->(d),
                (d)-[:SUPPLIES]->(e)`,
      );

      const two = await neighborhood({ id: id('dia-a'), depth: 2 });
      expect(two.nodes.map((n) => n.id).filter((n) => n === id('dia-d'))).toHaveLength(1);
      expect(ids(two)).toEqual([id('dia-a'), id('dia-b'), id('dia-c'), id('dia-d')]);
      expect(edgeIds(two)).toEqual(
        [
          `SUPPLIES:${id('dia-a')}->${id('dia-b')}`,
          `SUPPLIES:${id('dia-a')}->${id('dia-c')}`,
          `SUPPLIES:${id('dia-b')}->${id('dia-d')}`,
          `SUPPLIES:${id('dia-c')}->${id('dia-d')}`,
        ].sort(),
      );
      // e lies beyond the depth asked for, which is no cut: the answer is the whole 2-hop neighbourhood.
      expect(two.truncated).toBe(false);
      expect(two.omitted).toEqual([]);

      const three = await neighborhood({ id: id('dia-a'), depth: 3 });
      expect(ids(three)).toHaveLength(5);
      expect(three.edges).toHaveLength(5);
      expect(three.truncated).toBe(false);

      // The map fills up before the depth is used up. Nodes come centre first, then hop by hop (b and c tie on degree
      // 2, so by id). Left out counts the neighbours of every node that had hops to spare, the last hop's included.
      const fullAtHop1 = await neighborhood({ id: id('dia-a'), depth: 3, limit: 3 });
      expect(fullAtHop1.nodes.map((n) => n.id)).toEqual([id('dia-a'), id('dia-b'), id('dia-c')]);
      expect(fullAtHop1.omitted).toEqual([{ relationshipType: 'SUPPLIES', count: 1 }]); // d, reached from b and c
      const fullAtHop2 = await neighborhood({ id: id('dia-a'), depth: 3, limit: 4 });
      expect(fullAtHop2.nodes.map((n) => n.id)).toEqual([id('dia-a'), id('dia-b'), id('dia-c'), id('dia-d')]);
      expect(fullAtHop2.omitted).toEqual([{ relationshipType: 'SUPPLIES', count: 1 }]); // e, one hop from d
      expect(fullAtHop2.truncated).toBe(true);
      // The same four nodes at depth 2 are the whole neighbourhood: d had no hop to spare, so e is not left out.
      const exact = await neighborhood({ id: id('dia-a'), depth: 2, limit: 4 });
      expect(exact.nodes.map((n) => n.id)).toEqual(fullAtHop2.nodes.map((n) => n.id));
      expect(exact.truncated).toBe(false);
    });

    it('follows only the relationship types and labels asked for (the centre always in)', async () => {
      await write(
        `CREATE (x:Enterprise {id: $p + 'f-x', name: 'x', revenue: 9007199254740993,
                               foundedOn: date('2020-01-02')})
         CREATE (x)-[:HOSTS {role: 'LEAD'}]->(pl:Platform {id: $p + 'f-platform', name: '实验室'})
         CREATE (pl)-[:SERVES]->(:IndustryChain {id: $p + 'f-chain', name: '链'})
         CREATE (x)-[:COOPERATES_WITH {sinceYear: 2021}]->(:University {id: $p + 'f-univ', name: '大学'})
         CREATE (x)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'f-report', year: 2024, revenue: 150000000, rdStaff: 12})
         CREATE (x)-[:RECEIVED {amount: 500000, year: 2023, kind: 'SUBSIDY'}]->(:Policy {id: $p + 'f-policy', title: '政策'})`,
      );

      const typed = await neighborhood({ id: id('f-x'), depth: 2, relationshipTypes: ['HOSTS', 'SERVES'] });
      expect(ids(typed)).toEqual([id('f-chain'), id('f-platform'), id('f-x')]);
      expect(typed.truncated).toBe(false);

      const labelled = await neighborhood({ id: id('f-x'), depth: 2, labels: ['Platform', 'University'] });
      expect(ids(labelled)).toEqual([id('f-platform'), id('f-univ'), id('f-x')]);
      expect(labelled.omitted).toEqual([]);

      const all = await neighborhood({ id: id('f-x') });
      expect(all.nodes.find((n) => n.id === id('f-report'))).toMatchObject({
        type: 'AnnualReport',
        label: '2024 annual report',
      });
      // JSON-safe properties: an integer beyond 2^53 as a string, a date as an ISO string.
      expect(all.nodes.find((n) => n.id === id('f-x'))?.properties).toEqual({
        id: id('f-x'),
        name: 'x',
        revenue: '9007199254740993',
        foundedOn: '2020-01-02',
      });
      expect(all.edges.find((e) => e.type === 'COOPERATES_WITH')?.properties).toEqual({ sinceYear: 2021 });
      // Money (the BigInt fields of the node's type, or of the relationship's properties) as a decimal string at any
      // size, like a BigInt field of a query; other integers stay numbers.
      expect(all.nodes.find((n) => n.id === id('f-report'))?.properties).toMatchObject({
        year: 2024,
        revenue: '150000000',
        rdStaff: 12,
      });
      expect(all.edges.find((e) => e.type === 'RECEIVED')?.properties).toEqual({
        amount: '500000',
        year: 2023,
        kind: 'SUBSIDY',
      });

      // Without properties in the selection, they are not read: the same nodes, labels and edges all the same.
      const lean = await ask(
        'neighborhood',
        `query ($id: ID!) { neighborhood(id: $id) { nodes { id type label } edges { id type source target } truncated } }`,
        { id: id('f-x') },
      );
      expect(lean.nodes).toEqual(all.nodes.map(({ id, type, label }) => ({ id, type, label })));
      expect(lean.edges).toEqual(all.edges.map(({ id, type, source, target }) => ({ id, type, source, target })));
      expect(lean.truncated).toBe(all.truncated);
      // …and they are really left unread: the query layer, asked without properties, carries only the label fields.
      const leanRead = await readTx(app.driver, { database: DATABASE }, async (tx) => {
        const map = await queryNeighborhood(tx, id('f-x'), {
          depth: 1,
          limit: 200,
          labels: null,
          types,
          withProperties: false,
        });
        if (map === null) throw new Error(`no node ${id('f-x')}`);
        return map;
      });
      const leanProperties = leanRead.nodes.find((n) => n.id === id('f-x'))?.properties ?? {};
      expect(leanProperties).toMatchObject({ id: id('f-x'), name: 'x' });
      expect(Object.keys(leanProperties).sort()).toEqual(['id', 'metric', 'name', 'title', 'year']); // no revenue
      expect(leanRead.edges.find((e) => e.type === 'COOPERATES_WITH')?.properties).toEqual({});
    });

    it('rejects unknown relationship types and labels and arguments out of range before any Cypher, unknown ids after one lookup', async () => {
      await write(`CREATE (:Enterprise {id: $p + 'e-x', name: 'x'})`);
      /** The errors of a refused neighborhood request, and how many statements the server ran for it. */
      const refused = async (variables: Record<string, unknown>) => {
        const before = counter.statements();
        const errors = await errorsOf(NEIGHBORHOOD, variables);
        return { errors, statements: counter.statements() - before };
      };

      const badType = await refused({
        id: id('e-x'),
        relationshipTypes: ['SUPPLIES', 'SUPPLIES]-() DETACH DELETE n //'],
      });
      // The arguments are lists of the RelationshipType and NodeLabel enums: GraphQL refuses other values.
      expect(badType.statements).toBe(0);
      expect(badType.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(badType.errors[0]?.message).toContain('"SUPPLIES]-() DETACH DELETE n //"');
      expect(badType.errors[0]?.message).toContain('RelationshipType');

      const badLabel = await refused({ id: id('e-x'), labels: ['Company'] });
      expect(badLabel.statements).toBe(0);
      expect(badLabel.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(badLabel.errors[0]?.message).toContain('"Company"');
      expect(badLabel.errors[0]?.message).toContain('NodeLabel');

      const deep = await refused({ id: id('e-x'), depth: 4 });
      expect(deep.statements).toBe(0);
      expect(deep.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth', value: 4 });
      expect(deep.errors[0]?.message).toBe('depth: must be between 1 and 3; got 4');

      const wide = await refused({ id: id('e-x'), limit: 1001 });
      expect(wide.statements).toBe(0);
      expect(wide.errors[0]?.message).toBe('limit: must be between 1 and 1000; got 1001');

      const none = await refused({ id: id('e-x'), labels: [] });
      expect(none.statements).toBe(0);
      expect(none.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'labels' });

      // Whether an id exists only the database can say.
      const noId = await refused({ id: id('nobody') });
      expect(noId.statements).toBeGreaterThan(0);
      expect(noId.errors[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id', value: id('nobody') });
    });
  });

  describe('shortestPath', () => {
    beforeAll(async () => {
      // A line p1 → p2 → … → p6, with p1 and p3 also both hosting pl; a lonely node; a → m1…m30 → b.
      await write(
        `UNWIND range(1, 6) AS i CREATE (:Enterprise {id: $p + 'p' + i, name: 'p' + i})
         WITH count(*) AS _
         MATCH (a:Enterprise {id: $p + 'p1'}), (b:Enterprise {id: $p + 'p2'}), (c:Enterprise {id: $p + 'p3'}),
               (d:Enterprise {id: $p + 'p4'}), (e:Enterprise {id: $p + 'p5'}), (f:Enterprise {id: $p + 'p6'})
         CREATE (a)-[:SUPPLIES]->(b), (b)-[:SUPPLIES]->(c), (d)-[:SUPPLIES]->(c), (d)-[:SUPPLIES]->(e),
                (e)-[:SUPPLIES]->(f)
         CREATE (a)-[:HOSTS]->(pl:Platform {id: $p + 'p-platform', name: 'pl'})<-[:HOSTS]-(c)
         CREATE (:Enterprise {id: $p + 'p-alone', name: 'alone'})
         CREATE (x:Enterprise {id: $p + 'm-a', name: 'a'}), (y:Enterprise {id: $p + 'm-b', name: 'b'})
         FOREACH (i IN range(1, 30) |
           CREATE (x)-[:SUPPLIES]->(:Enterprise {id: $p + 'm-m' + i, name: 'm' + i})-[:SUPPLIES]->(y))`,
      );
    });

    it('returns the nodes and edges of a shortest path, edges pointing as stored', async () => {
      const path = await shortestPath({ fromId: id('p1'), toId: id('p5'), relationshipTypes: ['SUPPLIES'] });
      expect(path.nodes.map((n) => n.id)).toEqual([id('p1'), id('p2'), id('p3'), id('p4'), id('p5')]);
      expect(edgeIds(path)).toEqual(
        [
          `SUPPLIES:${id('p1')}->${id('p2')}`,
          `SUPPLIES:${id('p2')}->${id('p3')}`,
          `SUPPLIES:${id('p4')}->${id('p3')}`,
          `SUPPLIES:${id('p4')}->${id('p5')}`,
        ].sort(),
      );
      expect(path.truncated).toBe(false);

      // Through the platform p1 → p3 is 2 hops either way; allowing HOSTS only, the path goes through it.
      const hosted = await shortestPath({ fromId: id('p1'), toId: id('p3'), relationshipTypes: ['HOSTS'] });
      expect(hosted.nodes.map((n) => n.id)).toEqual([id('p1'), id('p-platform'), id('p3')]);
    });

    it('answers an empty Subgraph past maxHops, truncated when a longer path exists, and one node from a node to itself', async () => {
      const tooFar = await shortestPath({ fromId: id('p1'), toId: id('p6'), maxHops: 3 });
      expect(tooFar).toEqual({ nodes: [], edges: [], truncated: true, omitted: [] });

      // p1 → p6 is 5 hops, through p2 or through the platform.
      const within = await shortestPath({ fromId: id('p1'), toId: id('p6'), maxHops: 5 });
      expect(within.nodes.map((n) => n.id).slice(2)).toEqual([id('p3'), id('p4'), id('p5'), id('p6')]);
      expect([id('p2'), id('p-platform')]).toContain(within.nodes[1]?.id);
      expect(within.edges).toHaveLength(5);

      const noPath = await shortestPath({ fromId: id('p1'), toId: id('p-alone') });
      expect(noPath).toEqual({ nodes: [], edges: [], truncated: false, omitted: [] });

      const itself = await shortestPath({ fromId: id('p1'), toId: id('p1') });
      expect(ids(itself)).toEqual([id('p1')]);
      expect(itself.edges).toEqual([]);
    });

    it('returns every shortest path with all: true, at most 25, truncated when there are more', async () => {
      const one = await shortestPath({ fromId: id('m-a'), toId: id('m-b') });
      expect(one.nodes).toHaveLength(3);
      expect(one.edges).toHaveLength(2);
      expect(one.truncated).toBe(false);

      const all = await shortestPath({ fromId: id('m-a'), toId: id('m-b'), all: true });
      expect(all.nodes).toHaveLength(2 + 25);
      expect(all.edges).toHaveLength(2 * 25);
      expect(new Set(all.nodes.map((n) => n.id)).size).toBe(27);
      expect(all.truncated).toBe(true);

      const both = await shortestPath({ fromId: id('p1'), toId: id('p3'), all: true });
      expect(ids(both)).toEqual([id('p-platform'), id('p1'), id('p2'), id('p3')].sort());
      expect(both.edges).toHaveLength(4);
      expect(both.truncated).toBe(false);
    });

    it('rejects unknown ids (naming which) and maxHops out of range', async () => {
      const [from] = await errorsOf(SHORTEST_PATH, { fromId: id('nobody'), toId: id('p1') });
      expect(from?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'fromId', value: id('nobody') });
      const [to] = await errorsOf(SHORTEST_PATH, { fromId: id('p1'), toId: id('nobody') });
      expect(to?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'toId' });
      const [hops] = await errorsOf(SHORTEST_PATH, { fromId: id('p1'), toId: id('p2'), maxHops: 9 });
      expect(hops?.message).toBe('maxHops: must be between 1 and 8; got 9');
      const [type] = await errorsOf(SHORTEST_PATH, { fromId: id('p1'), toId: id('p2'), relationshipTypes: ['X'] });
      expect(type?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(type?.message).toMatch(/"X".*RelationshipType/);
    });
  });

  describe('chainMap', () => {
    it('maps cluster → chain → segments → enterprises (leader first) → partners, cutting at the caps with counts', async () => {
      // Segment s1 (UPSTREAM) has 70 firms a00–a69 (revenue rising with the number; a00 is a backbone firm),
      // s2 (DOWNSTREAM) 60 firms b00–b59; the leader operates in s1. 100 enterprises fit: the leader, then the
      // segments in turns: 50 of s1 (a00, a69 … a21) and 49 of s2 (b59 … b11); 31 are cut.
      await write(
        `CREATE (cluster:IndustryCluster {id: $p + 'cm-cluster', name: '尼龙新材料集群'})
         CREATE (chain:IndustryChain {id: $p + 'cm-chain', name: '尼龙链', leading: true, verified: true})
         CREATE (chain)-[:IN_CLUSTER]->(cluster)
         CREATE (s1:ChainSegment {id: $p + 'cm-s1', name: '上游', position: 'UPSTREAM'})-[:OF_CHAIN]->(chain)
         CREATE (s2:ChainSegment {id: $p + 'cm-s2', name: '下游', position: 'DOWNSTREAM'})-[:OF_CHAIN]->(chain)
         CREATE (s1)-[:FEEDS]->(s2)
         CREATE (leader:Enterprise {id: $p + 'cm-leader', name: '链主', backbone: true, revenue: 1})
         CREATE (leader)-[:LEADS_CHAIN {sinceYear: 2020}]->(chain), (leader)-[:OPERATES_IN]->(s1)
         FOREACH (i IN range(0, 69) |
           CREATE (:Enterprise {id: $p + 'cm-a' + right('0' + i, 2), name: 'a' + i, backbone: i = 0,
                                revenue: (i + 1) * 1000000})-[:OPERATES_IN]->(s1))
         FOREACH (i IN range(0, 59) |
           CREATE (:Enterprise {id: $p + 'cm-b' + right('0' + i, 2), name: 'b' + i, backbone: false,
                                revenue: (i + 1) * 1000000})-[:OPERATES_IN]->(s2))
         CREATE (leader)-[:HOSTS {role: 'LEAD'}]->(lab:Platform {id: $p + 'cm-lab', name: '实验室'})
         CREATE (lab)-[:PARTNERS_WITH]->(:Enterprise {id: $p + 'cm-partnered'})
         WITH chain, leader, lab
         MATCH (a69:Enterprise {id: $p + 'cm-a69'}), (a01:Enterprise {id: $p + 'cm-a01'})
         CREATE (lab)-[:PARTNERS_WITH]->(a69)
         CREATE (a01)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'cm-cut-firm-lab', name: '被截企业的平台'})
         CREATE (leader)-[:COOPERATES_WITH {kind: '共建研发中心'}]->(:University {id: $p + 'cm-univ', name: '大学'})
         CREATE (leader)-[:LEADS]->(:Consortium {id: $p + 'cm-consortium', name: '联合体'})
         CREATE (:Consortium {id: $p + 'cm-targeting', name: '目标联合体'})-[:TARGETS]->(chain)
         CREATE (:Enterprise {id: $p + 'cm-outsider'})-[:MEMBER_OF]->(:Consortium {id: $p + 'cm-elsewhere'})
         FOREACH (i IN range(0, 54) |
           CREATE (:Platform {id: $p + 'cm-serving' + right('0' + i, 2), name: 's' + i})-[:SERVES]->(chain))`,
      );

      const map = await ask('chainMap', CHAIN_MAP, { chainId: id('cm-chain') });

      const order = map.nodes.map((n) => n.id);
      expect(order.slice(0, 5)).toEqual([id('cm-cluster'), id('cm-chain'), id('cm-s1'), id('cm-s2'), id('cm-leader')]);
      const firms = map.nodes.filter((n) => n.type === 'Enterprise').map((n) => n.id);
      expect(firms).toHaveLength(100);
      expect(firms[0]).toBe(id('cm-leader'));
      // Turns across segments: s1's backbone firm, s2's biggest, s1's biggest, …
      expect(firms.slice(1, 5)).toEqual([id('cm-a00'), id('cm-b59'), id('cm-a69'), id('cm-b58')]);
      const expectedFirms = [
        id('cm-leader'),
        id('cm-a00'),
        ...Array.from({ length: 49 }, (_, k) => id(`cm-a${21 + k}`)),
        ...Array.from({ length: 49 }, (_, k) => id(`cm-b${11 + k}`)),
      ];
      expect([...firms].sort()).toEqual(expectedFirms.sort());

      const platforms = map.nodes.filter((n) => n.type === 'Platform').map((n) => n.id);
      // The lab has 2 links into the map (hosted by the leader, partners a69) and comes first; then 49 of the 55
      // serving platforms by id. The platform of a cut firm is no candidate.
      expect(platforms).toEqual([
        id('cm-lab'),
        ...Array.from({ length: 49 }, (_, k) => id(`cm-serving${String(k).padStart(2, '0')}`)),
      ]);
      expect(map.nodes.filter((n) => n.type === 'University').map((n) => n.id)).toEqual([id('cm-univ')]);
      expect(
        map.nodes
          .filter((n) => n.type === 'Consortium')
          .map((n) => n.id)
          .sort(),
      ).toEqual([id('cm-consortium'), id('cm-targeting')]);
      expect(map.nodes).toHaveLength(1 + 1 + 2 + 100 + 50 + 1 + 2);

      expect(map.truncated).toBe(true);
      expect(map.omitted).toEqual([
        { relationshipType: 'OPERATES_IN', count: 31 },
        { relationshipType: 'SERVES', count: 6 },
      ]);

      const edges = edgeIds(map);
      for (const expected of [
        `IN_CLUSTER:${id('cm-chain')}->${id('cm-cluster')}`,
        `OF_CHAIN:${id('cm-s1')}->${id('cm-chain')}`,
        `FEEDS:${id('cm-s1')}->${id('cm-s2')}`,
        `LEADS_CHAIN:${id('cm-leader')}->${id('cm-chain')}`,
        `HOSTS:${id('cm-leader')}->${id('cm-lab')}`,
        `PARTNERS_WITH:${id('cm-lab')}->${id('cm-a69')}`,
        `COOPERATES_WITH:${id('cm-leader')}->${id('cm-univ')}`,
        `LEADS:${id('cm-leader')}->${id('cm-consortium')}`,
        `TARGETS:${id('cm-targeting')}->${id('cm-chain')}`,
      ]) {
        expect(edges).toContain(expected);
      }
      expect(map.edges.filter((e) => e.type === 'OPERATES_IN')).toHaveLength(100);
      expect(map.edges.filter((e) => e.type === 'SERVES')).toHaveLength(49);
      const nodeIds = new Set(order);
      expect(map.edges.every((e) => nodeIds.has(e.source) && nodeIds.has(e.target))).toBe(true);
    });

    it('answers NOT_FOUND for an unknown chain', async () => {
      const [error] = await errorsOf(CHAIN_MAP, { chainId: id('no-chain') });
      expect(error?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'chainId', value: id('no-chain') });
    });
  });
});
