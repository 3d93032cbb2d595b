import { randomBytes } from 'node:crypto';
import { BookmarkCodec } from '../../src/db/bookmarks';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';

/**
 * `x-bookmark` on a real Neo4j (src/db/bookmarks.ts, src/http/bookmarkHeader.ts): the header carries sealed tokens,
 * never Neo4j's bookmarks; a token the API did not issue is refused at once, before any database work; a genuine one
 * the database has not reached is waited for at most BOOKMARK_WAIT_MS, then 503 BOOKMARK_NOT_REACHED, and the
 * connection of that wait goes back to the pool when Neo4j gives up.
 */

/**
 * A Neo4j 5 bookmark (`FB:` + base64 of PackStream: a list of one 16-byte database id and its transaction number,
 * then an empty list) moved `by` transactions ahead: what the database has not committed yet. Throws on a layout it
 * does not know, so that a future Neo4j fails this test loudly instead of testing nothing.
 */
function ahead(bookmark: string, by: number): string {
  const raw = Buffer.from(bookmark.replace(/^FB:/, ''), 'base64');
  if (!bookmark.startsWith('FB:') || raw[0] !== 0x91 || raw[1] !== 0xcc || raw[2] !== 0x10 || raw.at(-1) !== 0x90) {
    throw new Error(`unknown bookmark layout: ${raw.toString('hex')}`);
  }
  const marker = raw[19] as number;
  const at = 20;
  const tx =
    marker < 0x80
      ? BigInt(marker)
      : marker === 0xc8
        ? BigInt(raw.readInt8(at))
        : marker === 0xc9
          ? BigInt(raw.readInt16BE(at))
          : marker === 0xca
            ? BigInt(raw.readInt32BE(at))
            : marker === 0xcb
              ? raw.readBigInt64BE(at)
              : null;
  if (tx === null) throw new Error(`unknown transaction number marker 0x${marker.toString(16)}`);
  const later = Buffer.alloc(9);
  later[0] = 0xcb;
  later.writeBigInt64BE(tx + BigInt(by), 1);
  return `FB:${Buffer.concat([raw.subarray(0, 19), later, Buffer.from([0x90])]).toString('base64')}`;
}

interface Answer {
  status: number;
  ms: number;
  bookmark: string | null;
  retryAfter: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; header?: string } }[];
  };
}

async function post(app: TestApp, query: string, variables: object = {}, bookmark?: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bookmark === undefined ? {} : { 'x-bookmark': bookmark }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Answer['body'];
  return {
    status: res.status,
    ms: performance.now() - started,
    bookmark: res.headers.get('x-bookmark'),
    retryAfter: res.headers.get('retry-after'),
    body,
  };
}

/** The database sessions the app's clients hold now (its /metrics, which loopback clients read in local mode). */
async function heldSessions(app: TestApp): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return Number(/^ig_db_sessions\{state="active"\} (\d+)/m.exec(text)?.[1] ?? NaN);
}

const READ = 'query ($id: ID!) { enterprises(where: { id: { eq: $id } }) { name } }';
const WRITE =
  'mutation ($id: ID!, $name: String!) { updateEnterprises(where: { id: { eq: $id } }, update: { name: { set: $name } }) { enterprises { name } } }';
const nameOf = (answer: Answer) => (answer.body.data?.enterprises as { name: string }[] | undefined)?.[0]?.name;

describe('x-bookmark: opaque tokens, refused at once unless issued, a bounded wait', () => {
  const key = new Uint8Array(randomBytes(32));
  const codec = new BookmarkCodec([key], DATABASE);
  const WAIT_MS = 500;
  let app: TestApp;
  /** A second app on one connection: what a wait that timed out does to the pool. */
  let single: TestApp;
  const id = (name: string): string => `${app.prefix}${name}`;

  beforeAll(async () => {
    [app, single] = await Promise.all([
      createTestApp(undefined, {
        auth: { mode: 'local', localRole: 'editor' },
        bookmarks: { keys: [key], waitMs: WAIT_MS },
      }),
      createTestApp(undefined, {
        auth: { mode: 'local', localRole: 'editor' },
        bookmarks: { keys: [key], waitMs: 300 },
        poolSize: 1,
        responseCacheMb: 0,
      }),
    ]);
    await Promise.all([app.listen(), single.listen()]);
    await app.write(
      `CREATE (:Enterprise {id: $p + 'firm', name: '书签甲（示例）', aboveScale: false, backbone: false, synthetic: true})`,
    );
  });
  afterAll(async () => {
    await Promise.all([app.close(), single.close()]);
  });

  /** A genuine token from a write through the app, and the Neo4j bookmark in it. */
  async function written(name: string): Promise<{ token: string; raw: string }> {
    const write = await post(app, WRITE, { id: id('firm'), name });
    expect(write.body.errors).toBeUndefined();
    const token = write.bookmark as string;
    const raw = codec.open(token);
    expect(raw).toMatch(/^FB:/);
    return { token, raw: raw as string };
  }

  it('answers sealed tokens only: never a Neo4j bookmark, nor its transaction number', async () => {
    const { token, raw } = await written('书签乙（示例）');
    expect(token).toMatch(/^bm1\.[\w-]+$/);
    expect(token).not.toContain(raw);
    expect(token).not.toContain('FB:');
    // Two answers at the same point of the database carry different tokens: nothing to compare or count.
    const read1 = await post(app, READ, { id: id('firm') }, token);
    const read2 = await post(app, READ, { id: id('firm') }, token);
    expect(read1.bookmark).toMatch(/^bm1\./);
    expect(read2.bookmark).toMatch(/^bm1\./);
    expect(read1.bookmark).not.toBe(read2.bookmark);
    expect(codec.open(read1.bookmark as string)).toMatch(/^FB:/);
  });

  it('read-your-writes: a read sent with the token of a write sees that write', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `书签${round}（示例）`;
      const { token } = await written(name);
      const read = await post(app, READ, { id: id('firm') }, token);
      expect(read.status).toBe(200);
      expect(nameOf(read)).toBe(name);
    }
  });

  it('refuses forged tokens with 400 naming x-bookmark in under 100 ms, without asking Neo4j', async () => {
    const { raw } = await written('书签丙（示例）');
    await post(app, READ, { id: id('firm') }); // warm: the first request of an app pays for its first compilation
    const forged = {
      'random bytes in the token shape': `bm1.${randomBytes(60).toString('base64url')}`,
      'a future bookmark sealed with another key': new BookmarkCodec([new Uint8Array(randomBytes(32))], DATABASE).seal(
        ahead(raw, 1_000_000),
      ),
      'a token of this key for another database': new BookmarkCodec([key], 'other').seal(raw),
      "Neo4j's own bookmark, sent raw": raw,
      'a raw future bookmark': ahead(raw, 1_000_000),
      'a token with one character changed': ((t) => `${t.slice(0, 10)}${t[10] === 'A' ? 'B' : 'A'}${t.slice(11)}`)(
        codec.seal(raw),
      ),
    };
    for (const [what, token] of Object.entries(forged)) {
      const answer = await post(app, READ, { id: id('firm') }, token);
      expect({ what, status: answer.status }).toEqual({ what, status: 400 });
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST', header: 'x-bookmark' });
      expect(answer.body.errors?.[0]?.message).toMatch(/^x-bookmark: bookmark 1 was not issued by this API/);
      expect({ what, fast: answer.ms < 100 }).toEqual({ what, fast: true });
    }
    // Too many is refused the same way; a genuine token among forged ones does not help.
    const many = await post(app, READ, { id: id('firm') }, Array(17).fill(codec.seal(raw)).join(','));
    expect(many.status).toBe(400);
    expect(many.body.errors?.[0]?.message).toMatch(/at most 16 bookmarks, got 17/);
    const mixed = await post(app, READ, { id: id('firm') }, `${codec.seal(raw)}, bm1.${'A'.repeat(60)}`);
    expect(mixed.body.errors?.[0]?.message).toMatch(/bookmark 2 was not issued/);
  });

  it('a genuine token the database has not reached: 503 BOOKMARK_NOT_REACHED with Retry-After after BOOKMARK_WAIT_MS', async () => {
    const { raw } = await written('书签丁（示例）');
    const future = codec.seal(ahead(raw, 1_000_000));
    const answer = await post(app, READ, { id: id('firm') }, future);
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BOOKMARK_NOT_REACHED', header: 'x-bookmark' });
    expect(answer.retryAfter).toBe('1');
    expect(answer.ms).toBeGreaterThanOrEqual(WAIT_MS - 20);
    expect(answer.ms).toBeLessThan(WAIT_MS + 1000);
    // The same for the import routes (before their role check: the wait comes first), with a token among others.
    const res = await fetch(`${app.url}/import/nothing/undo`, {
      method: 'POST',
      headers: { 'x-bookmark': `${codec.seal(raw)},${future}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as Answer['body']).errors?.[0]?.extensions?.code).toBe('BOOKMARK_NOT_REACHED');
  });

  it('the connection of a wait given up returns to the pool when Neo4j gives up: nothing is leaked', async () => {
    const { raw } = await written('书签戊（示例）');
    const setting = await app.driver.executeQuery(
      "SHOW SETTINGS YIELD name, value WHERE name = 'db.transaction.bookmark_ready_timeout' RETURN value",
      {},
      { database: 'system' },
    );
    // e.g. '1s' (the project's launcher) or '30s' (Neo4j's default); 5.26 waits twice that (Fabric, then the kernel).
    const neo4jWaitMs = 2 * 1000 * Number(/^(\d+)s$/.exec(String(setting.records[0]?.get('value')))?.[1] ?? NaN);
    expect(neo4jWaitMs).toBeLessThanOrEqual(2_000);
    const started = performance.now();
    const refused = await post(single, READ, { id: id('firm') }, codec.seal(ahead(raw, 1_000_000)));
    expect(refused.status).toBe(503);
    expect(refused.ms).toBeLessThan(300 + 1000);
    // Neo4j still waits on the single connection, and the client's session permit is held with it …
    expect(await heldSessions(single)).toBe(1);
    // … until Neo4j gives up: then a request of the same app runs on that connection, and no permit is left held.
    const after = await post(single, READ, { id: id('firm') });
    expect(after.status).toBe(200);
    expect(nameOf(after)).toBe('书签戊（示例）');
    expect(performance.now() - started).toBeLessThan(neo4jWaitMs + 3_000);
    expect(await heldSessions(single)).toBe(0);
  });
});
