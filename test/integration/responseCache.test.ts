import { dataVersion } from '../../src/db';
import * as gaps from '../../src/queries/gaps';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

interface Answer {
  cache: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('response cache: an unchanged query is answered again from memory until any write commits', () => {
  let app: TestApp;
  const id = (key: string): string => `${app.prefix}${key}`;

  beforeAll(async () => {
    // Local mode as an editor: one case writes through the API.
    app = await createTestApp(undefined, { auth: { mode: 'local', localRole: 'editor' } });
    await app.listen();
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { cache: res.headers.get('x-cache'), body: (await res.json()) as Answer['body'] };
  }

  const version = () => dataVersion(app.driver, DATABASE);

  /**
   * Sends `first`, then `second`, and returns both answers from a try in which the data version did not move
   * between them (other test files may write to the same Neo4j meanwhile; a write in between rightly makes the
   * second a miss, so such a try is repeated after a pause).
   */
  async function pair<A extends Answer>(first: () => Promise<A>, second: () => Promise<A>): Promise<[A, A]> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const before = await version();
      const a = await first();
      const b = await second();
      if ((await version()) === before) return [a, b];
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
    }
    throw new Error('the data version kept changing for 30 s: every try had a write in between');
  }

  const NEIGHBOURS = `query ($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) { nodes { id label } } }`;
  const ids = (answer: Answer): string[] =>
    ((answer.body.data?.neighborhood as { nodes: { id: string }[] }).nodes ?? []).map((n) => n.id).sort();

  it('answers the same query again with x-cache: hit, whatever the order of its variables', async () => {
    await app.write(
      `CREATE (:Enterprise {id: $p + 'a', name: 'a'})-[:SUPPLIES]->(:Enterprise {id: $p + 'b', name: 'b'})`,
    );
    const ask = () => post(NEIGHBOURS, { id: id('a'), depth: 1 });
    const askReordered = () => post(NEIGHBOURS, { depth: 1, id: id('a') });

    const [first, again] = await pair(ask, ask);
    expect(ids(first)).toEqual([id('a'), id('b')]);
    expect(again.body).toEqual(first.body);
    expect(again.cache).toBe('hit');

    const [, reordered] = await pair(ask, askReordered);
    expect(reordered.cache).toBe('hit');
    expect(reordered.body).toEqual(first.body);

    // Other arguments are another query.
    const [, deeper] = await pair(ask, () => post(NEIGHBOURS, { id: id('a'), depth: 2 }));
    expect(deeper.cache).toBe('miss');
  });

  it('runs the query again after a write made outside the API, and answers with the new data', async () => {
    await app.write(
      `CREATE (:Enterprise {id: $p + 'w', name: 'w'})-[:SUPPLIES]->(:Enterprise {id: $p + 'x', name: 'x'})`,
    );
    const ask = () => post(NEIGHBOURS, { id: id('w'), depth: 1 });
    const [before, beforeAgain] = await pair(ask, ask);
    expect(ids(before)).toEqual([id('w'), id('x')]);
    expect(beforeAgain.cache).toBe('hit');

    await app.write(
      `MATCH (w:Enterprise {id: $p + 'w'}) CREATE (w)-[:SUPPLIES]->(:Enterprise {id: $p + 'y', name: 'y'})`,
    );
    const after = await ask();
    expect(after.cache).toBe('miss');
    expect(ids(after)).toEqual([id('w'), id('x'), id('y')]);

    await app.write(`MATCH (x:Enterprise {id: $p + 'x'}) SET x.name = 'x2'`); // a property: a new version too
    const renamed = await ask();
    expect(renamed.cache).toBe('miss');
    const labels = (renamed.body.data?.neighborhood as { nodes: { id: string; label: string }[] }).nodes;
    expect(labels.find((n) => n.id === id('x'))?.label).toBe('x2');
  });

  it('reads its own writes: a query sent right after each of 100 committed writes sees every one of them', async () => {
    // The version is read before each query; if a committed write could ever go unseen by that read (a bookmark
    // lagging behind a commit that has already returned), some request here would be served the answer of before.
    await app.write(`CREATE (:Enterprise {id: $p + 'rw', name: 'rw'})`);
    const ask = () => post(NEIGHBOURS, { id: id('rw'), depth: 1 });
    expect(ids(await ask())).toEqual([id('rw')]);
    const expected = [id('rw')];
    for (let i = 0; i < 100; i += 1) {
      const key = `rw-${String(i).padStart(3, '0')}`;
      await app.write(
        `MATCH (c:Enterprise {id: $p + 'rw'}) CREATE (c)-[:SUPPLIES]->(:Enterprise {id: $p + $key, name: $key})`,
        {
          key,
        },
      );
      expected.push(id(key));
      const answer = await ask();
      expect(answer.cache).toBe('miss');
      expect(ids(answer)).toEqual([...expected].sort());
    }
  });

  it('runs a generated query again after a mutation through the API; the mutation itself is never cached', async () => {
    const REGIONS = `query ($id: ID!) { regions(where: { id: { eq: $id } }) { id name } }`;
    const ask = () => post(REGIONS, { id: id('r') });
    const [none, noneAgain] = await pair(ask, ask);
    expect(none.body.data).toEqual({ regions: [] });
    expect(noneAgain.cache).toBe('hit');

    const created = await post(
      `mutation ($input: [RegionCreateInput!]!) { createRegions(input: $input) { regions { id } } }`,
      { input: [{ id: id('r'), code: nextRegionCode(), name: '缓存区（示例）', level: 'DISTRICT', synthetic: true }] },
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.cache).toBeNull();

    const after = await ask();
    expect(after.cache).toBe('miss');
    expect(after.body.data).toEqual({ regions: [{ id: id('r'), name: '缓存区（示例）' }] });
  });

  it('answers a gap list named by its chain from memory, and checks the chain again once the data changed', async () => {
    // The argument guard looks the chain up before a list runs, except for a request the cache answers.
    const lookups = jest.spyOn(gaps, 'checkGapArguments');
    try {
      await app.write(`CREATE (:IndustryChain {id: $p + 'chain', name: 'chain'})`);
      const GAP = 'query ($chain: ID!) { enterprisesWithoutConsortium(chainId: $chain) { id } }';
      /** The answer, and how many argument lookups the server ran for it. */
      const ask = async () => {
        const before = lookups.mock.calls.length;
        const answer = await post(GAP, { chain: id('chain') });
        return { ...answer, lookedUp: lookups.mock.calls.length - before };
      };
      const [first, again] = await pair(ask, ask);
      expect(first).toMatchObject({ cache: 'miss', lookedUp: 1, body: { data: { enterprisesWithoutConsortium: [] } } });
      expect(again).toMatchObject({ cache: 'hit', lookedUp: 0, body: { data: { enterprisesWithoutConsortium: [] } } });

      await app.write(`MATCH (c:IndustryChain {id: $p + 'chain'}) DELETE c`);
      const gone = await ask();
      expect(gone).toMatchObject({ cache: 'miss', lookedUp: 1 });
      expect(gone.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(gone.body.errors?.[0]?.message).toContain('chainId');
    } finally {
      lookups.mockRestore();
    }
  });

  it('never keeps an answer with errors, and runs the query when the client sends Cache-Control: no-cache', async () => {
    const unknown = () => post(NEIGHBOURS, { id: id('nobody') });
    const [first, second] = await pair(unknown, unknown);
    for (const answer of [first, second]) {
      expect(answer.cache).toBe('miss');
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }

    await app.write(`CREATE (:Enterprise {id: $p + 'n', name: 'n'})`);
    const ask = () => post(NEIGHBOURS, { id: id('n') });
    const [, bypassed] = await pair(ask, () => post(NEIGHBOURS, { id: id('n') }, { 'cache-control': 'no-cache' }));
    expect(bypassed.cache).toBe('bypass');
    expect(ids(bypassed)).toEqual([id('n')]);
  });

  it('is off with RESPONSE_CACHE_MB=0: no x-cache header, every query runs', async () => {
    const off = await createTestApp(undefined, { responseCacheMb: 0 });
    try {
      await off.listen();
      const res = await fetch(`${off.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ regions(where: { id: { eq: "none" } }) { id } }' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-cache')).toBeNull();
    } finally {
      await off.close();
    }
  });

  it('reads the data version from Neo4j: a new one after each committed write (pair() shows reads keep it)', async () => {
    const v1 = await version();
    await app.write(`CREATE (:Enterprise {id: $p + 'v', name: 'v'})`);
    const v2 = await version();
    expect(v1).toEqual(expect.any(String));
    expect(v2).toEqual(expect.any(String));
    expect(v2).not.toBe(v1);
  });
});
