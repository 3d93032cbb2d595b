import { randomBytes } from 'node:crypto';
import { dataVersion } from '../../src/db';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';

/**
 * Two API servers on one Neo4j, each with its own driver, connection pool and response cache — what two API processes
 * (replicas behind a load balancer) share is the database and nothing else. A write through one must never leave the
 * other answering from before it: the data version is a counter committed with every write (not a bookmark of one
 * process's connection), and a client that sends back the `x-bookmark` of the write is answered from data that has it.
 * The two share BOOKMARK_KEY, as replicas do, so that each opens the other's tokens.
 */
describe('replicas: no answer older than a write committed through another server', () => {
  let a: TestApp;
  let b: TestApp;
  const id = (key: string): string => `${a.prefix}${key}`;

  beforeAll(async () => {
    const bookmarks = { keys: [new Uint8Array(randomBytes(32))], waitMs: 2000 };
    // One after the other: both migrate the database first, and two migrations at once on a fresh database
    // deadlock in Neo4j (seen when this file ran first on the run's database).
    a = await createTestApp(undefined, { auth: { mode: 'local', localRole: 'editor' }, bookmarks });
    b = await createTestApp(undefined, { auth: { mode: 'local', localRole: 'editor' }, bookmarks });
    await Promise.all([a.listen(), b.listen()]);
    await a.write(
      `CREATE (:Enterprise {id: $p + 'firm', name: '副本甲（示例）', aboveScale: false, backbone: false, synthetic: true})`,
    );
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  interface Answer {
    status: number;
    cache: string | null;
    bookmark: string | null;
    body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  }

  async function post(app: TestApp, query: string, variables: object, headers: Record<string, string> = {}) {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      cache: res.headers.get('x-cache'),
      bookmark: res.headers.get('x-bookmark'),
      body: (await res.json()) as Answer['body'],
    } satisfies Answer;
  }

  const READ = 'query ($id: ID!) { enterprises(where: { id: { eq: $id } }) { name } }';
  const WRITE =
    'mutation ($id: ID!, $name: String!) { updateEnterprises(where: { id: { eq: $id } }, update: { name: { set: $name } }) { enterprises { name } } }';
  const nameOf = (answer: Answer) => (answer.body.data?.enterprises as { name: string }[] | undefined)?.[0]?.name;

  it('every write, through the API or a write transaction of our own, moves the data version', async () => {
    const before = await dataVersion(a.driver, DATABASE);
    expect(before).toMatch(/^[\w-]+:\d+$/);
    await post(a, WRITE, { id: id('firm'), name: '副本乙（示例）' });
    const after = await dataVersion(b.driver, DATABASE);
    const [epoch, value] = (before as string).split(':');
    const [epochAfter, valueAfter] = (after as string).split(':');
    expect(epochAfter).toBe(epoch);
    expect(Number(valueAfter)).toBeGreaterThan(Number(value));
  });

  /**
   * B's answer to READ served from its cache: asked twice, from a try in which the data version did not move between
   * the two (other test files write to the same Neo4j meanwhile, and a write in between rightly makes the second a
   * miss; such a try is repeated after a pause).
   */
  async function cachedRead(): Promise<Answer> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const before = await dataVersion(b.driver, DATABASE);
      await post(b, READ, { id: id('firm') });
      const again = await post(b, READ, { id: id('firm') });
      if ((await dataVersion(b.driver, DATABASE)) === before) return again;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
    }
    throw new Error('the data version kept changing for 30 s: every try had a write in between');
  }

  it('B, having cached the old answer, answers the new one right after a write through A (20 rounds)', async () => {
    for (let round = 0; round < 20; round++) {
      const name = `副本${round}（示例）`;
      // B answers, then answers again from its cache: the old name is in B's memory.
      const cached = await cachedRead();
      expect(cached.cache).toBe('hit');
      const write = await post(a, WRITE, { id: id('firm'), name });
      expect(write.body.errors).toBeUndefined();
      expect(write.bookmark).toMatch(/^bm1\./);
      // With the write's bookmark (what a front end sends back) and without it (one server: committed is visible).
      const withBookmark = await post(b, READ, { id: id('firm') }, { 'x-bookmark': write.bookmark as string });
      const without = await post(b, READ, { id: id('firm') });
      expect(nameOf(withBookmark)).toBe(name);
      expect(nameOf(without)).toBe(name);
      expect(nameOf(cached)).not.toBe(name);
      // The answer before the write was a hit only while the version stood; the first after it is never one.
      expect(withBookmark.cache).toBe('miss');
    }
  });

  it('a read answers with bookmarks too, which another server accepts back', async () => {
    const write = await post(a, WRITE, { id: id('firm'), name: '副本丙（示例）' });
    const read = await post(b, READ, { id: id('firm') }, { 'x-bookmark': write.bookmark as string });
    expect(read.bookmark).toMatch(/^bm1\./);
    const again = await post(a, READ, { id: id('firm') }, { 'x-bookmark': read.bookmark as string });
    expect(again.body.errors).toBeUndefined();
    expect(nameOf(again)).toBe('副本丙（示例）');
  });

  it('refuses a malformed x-bookmark, too many, and a Neo4j bookmark sent raw with 400 naming the header', async () => {
    const malformed = await post(b, READ, { id: id('firm') }, { 'x-bookmark': 'not a bookmark' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.message).toMatch(/x-bookmark: bookmark 1 was not issued by this API/);
    const tooMany = await post(b, READ, { id: id('firm') }, { 'x-bookmark': Array(17).fill('FB:a').join(',') });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.message).toMatch(/at most 16 bookmarks, got 17/);
    const raw = await post(b, READ, { id: id('firm') }, { 'x-bookmark': 'FB:abc' });
    expect(raw.status).toBe(400);
    expect(raw.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST', header: 'x-bookmark' });
  });
});
