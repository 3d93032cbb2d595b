import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { createLogger } from '../../src/logger';
import { freshReads, responseCache, stableJson, VersionedAnswers } from '../../src/graphql/responseCache';

const answer = (n: number) => ({ data: { n } });

describe('VersionedAnswers', () => {
  it('gives back an answer only at the version it was kept for', () => {
    const answers = new VersionedAnswers(1000);
    expect(answers.get('v1', 'q')).toBeUndefined();
    answers.set('v1', 'q', answer(1), 10);
    expect(answers.get('v1', 'q')).toEqual(answer(1));
    expect(answers.get('v1', 'other')).toBeUndefined();
    expect(answers.get('v2', 'q')).toBeUndefined();
    expect(answers.get('v1', 'q')).toBeUndefined(); // v2 was read in between: v1's answers are gone
  });

  it('drops every answer of the old version as soon as a new version is read', () => {
    const answers = new VersionedAnswers(1000);
    answers.get('v1', 'a');
    answers.set('v1', 'a', answer(1), 10);
    answers.set('v1', 'b', answer(2), 10);
    expect(answers.size).toEqual({ entries: 2, bytes: 20 });
    answers.get('v2', 'c');
    expect(answers.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('does not keep an answer computed at a version older than the current one', () => {
    const answers = new VersionedAnswers(1000);
    answers.get('v1', 'slow'); // a slow request reads v1 …
    answers.get('v2', 'fast'); // … a write commits, a fast request reads v2 …
    expect(answers.set('v2', 'fast', answer(2), 10)).toBe(true);
    expect(answers.set('v1', 'slow', answer(1), 10)).toBe(false); // … the slow one ends: not kept
    expect(answers.get('v2', 'fast')).toEqual(answer(2));
  });

  it('stays within its byte budget by evicting the least recently used answers', () => {
    const answers = new VersionedAnswers(800); // answers of up to 100 bytes are kept
    answers.get('v', 'a');
    for (const key of ['a', 'b', 'c', 'd']) answers.set('v', key, answer(0), 100);
    expect(answers.get('v', 'a')).toBeDefined(); // a is now the most recently used, b the least
    for (const key of ['e', 'f', 'g', 'h', 'i']) answers.set('v', key, answer(0), 100);
    expect(answers.size).toEqual({ entries: 8, bytes: 800 });
    expect(answers.get('v', 'b')).toBeUndefined();
    expect(answers.get('v', 'a')).toBeDefined();
    expect(answers.get('v', 'c')).toBeDefined();
  });

  it('never keeps an answer above an eighth of the budget, counts a replaced answer once, and freezes answers', () => {
    const answers = new VersionedAnswers(800);
    answers.get('v', 'big');
    expect(answers.set('v', 'big', answer(1), 101)).toBe(false);
    expect(answers.get('v', 'big')).toBeUndefined();
    answers.set('v', 'q', answer(1), 50);
    answers.set('v', 'q', answer(2), 60);
    expect(answers.size).toEqual({ entries: 1, bytes: 60 });
    const kept = answers.get('v', 'q');
    expect(kept).toEqual(answer(2));
    expect(Object.isFrozen(kept?.data)).toBe(true);
  });
});

describe('stableJson', () => {
  it('writes object keys sorted at every depth, and keeps array order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(stableJson({ a: 1, b: 2 })).toBe(stableJson({ b: 2, a: 1 }));
    expect(stableJson({ a: [1, 2] })).not.toBe(stableJson({ a: [2, 1] }));
  });
});

describe('freshReads', () => {
  /** A read source whose reads end when the test says: reads[i] is the i-th read started. */
  function source() {
    const reads: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
    const read = () =>
      new Promise<string>((resolve, reject) => {
        reads.push({ resolve, reject });
      });
    return { reads, read };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('never answers a call with a read that started before it; calls during a read share the next one', async () => {
    const { reads, read } = source();
    const fresh = freshReads(read);
    const a = fresh(); // starts read 0
    const b = fresh(); // read 0 runs: waits for read 1
    const c = fresh(); // shares read 1
    expect(reads).toHaveLength(1);
    reads[0]!.resolve('v0');
    expect(await a).toBe('v0');
    await tick();
    expect(reads).toHaveLength(2); // read 1 starts once read 0 ended
    const d = fresh(); // read 1 runs: waits for read 2
    reads[1]!.resolve('v1');
    expect([await b, await c]).toEqual(['v1', 'v1']);
    await tick();
    expect(reads).toHaveLength(3);
    reads[2]!.resolve('v2');
    expect(await d).toBe('v2');
    const e = fresh(); // nothing runs: starts read 3 at once
    expect(reads).toHaveLength(4);
    reads[3]!.resolve('v3');
    expect(await e).toBe('v3');
  });

  it('fails the calls that waited for a failed read, and starts afresh on the next call', async () => {
    const { reads, read } = source();
    const fresh = freshReads(read);
    const a = fresh();
    const b = fresh();
    reads[0]!.reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await tick();
    reads[1]!.reject(new Error('still down'));
    await expect(b).rejects.toThrow('still down');
    const c = fresh();
    expect(reads).toHaveLength(3);
    reads[2]!.resolve('up');
    expect(await c).toBe('up');
  });

  it('turns a read that throws at once into a failed promise, and reads again on the next call', async () => {
    let calls = 0;
    const fresh = freshReads(() => {
      calls += 1;
      if (calls === 1) throw new Error('no session');
      return Promise.resolve('v');
    });
    const first = fresh();
    expect(first).toBeInstanceOf(Promise);
    await expect(first).rejects.toThrow('no session');
    await tick();
    await expect(fresh()).resolves.toBe('v');
  });
});

describe('responseCache plugin (an Apollo server with a stand-in data version, no database)', () => {
  let version = 0;
  let versionReads = 0;
  let runs = 0;
  let server: ApolloServer;

  beforeEach(async () => {
    version = 0;
    versionReads = 0;
    runs = 0;
    server = new ApolloServer({
      typeDefs: `type Query { value(writeMeanwhile: Boolean, n: Int): Int, other: Int }
                 type Mutation { bump: Int }`,
      resolvers: {
        Query: {
          // Each run answers a new number, so a served answer is told from a computed one.
          value: (_: unknown, args: { writeMeanwhile?: boolean }) => {
            runs += 1;
            if (args.writeMeanwhile) version += 1; // a write commits while the query runs
            return runs;
          },
          other: () => -1,
        },
        Mutation: { bump: () => ++version },
      },
      plugins: [
        responseCache({
          version: async () => {
            versionReads += 1;
            return `v${version}`;
          },
          maxBytes: 1024 * 1024,
          logger: createLogger('silent'),
          partitionOf: (context) => (context as { partition?: string }).partition ?? '',
        }),
      ],
    });
    await server.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  async function ask(
    query: string,
    {
      variables,
      operationName,
      headers,
      partition,
    }: {
      variables?: Record<string, unknown>;
      operationName?: string;
      headers?: [string, string][];
      partition?: string;
    } = {},
  ): Promise<{ cache: string | undefined; data: unknown; errors: unknown }> {
    const response = await server.executeOperation(
      {
        query,
        ...(variables ? { variables } : {}),
        ...(operationName ? { operationName } : {}),
        http: { method: 'POST', headers: new HeaderMap(headers ?? []), search: '', body: {} },
      },
      { contextValue: partition === undefined ? {} : { partition } },
    );
    if (response.body.kind !== 'single') throw new Error('incremental');
    const { data, errors } = response.body.singleResult;
    return { cache: response.http.headers.get('x-cache'), data, errors };
  }

  it('serves an unchanged query from memory, and runs it again once the version moved', async () => {
    expect(await ask('{ value }')).toMatchObject({ cache: 'miss', data: { value: 1 } });
    expect(await ask('{ value }')).toMatchObject({ cache: 'hit', data: { value: 1 } });
    await ask('mutation { bump }');
    expect(await ask('{ value }')).toMatchObject({ cache: 'miss', data: { value: 2 } });
  });

  it('reads the version before the query runs: a write committed meanwhile makes the next request run it again', async () => {
    expect(await ask('{ value(writeMeanwhile: true) }')).toMatchObject({ cache: 'miss', data: { value: 1 } });
    // Kept under v0, the version read before it ran; the data is now at v1, so it must not be served.
    expect(await ask('{ value(writeMeanwhile: true) }')).toMatchObject({ cache: 'miss', data: { value: 2 } });
  });

  it('keys on the operation name and the declared variables, not on undeclared ones', async () => {
    const two = 'query A { value } query B { other }';
    expect(await ask(two, { operationName: 'A' })).toMatchObject({ cache: 'miss', data: { value: 1 } });
    expect(await ask(two, { operationName: 'B' })).toMatchObject({ cache: 'miss', data: { other: -1 } });
    expect(await ask(two, { operationName: 'A' })).toMatchObject({ cache: 'hit', data: { value: 1 } });

    const withN = 'query ($n: Int) { value(n: $n) }';
    expect(await ask(withN, { variables: { n: 1, junk: 'x' } })).toMatchObject({ cache: 'miss', data: { value: 2 } });
    expect(await ask(withN, { variables: { junk: 'y', n: 1 } })).toMatchObject({ cache: 'hit', data: { value: 2 } });
    expect(await ask(withN, { variables: { n: 2 } })).toMatchObject({ cache: 'miss', data: { value: 3 } });
  });

  it('never serves an answer across partitions (the server partitions by roles)', async () => {
    expect(await ask('{ value }', { partition: 'viewer' })).toMatchObject({ cache: 'miss', data: { value: 1 } });
    expect(await ask('{ value }', { partition: 'viewer,planner' })).toMatchObject({
      cache: 'miss',
      data: { value: 2 },
    });
    expect(await ask('{ value }', { partition: 'viewer' })).toMatchObject({ cache: 'hit', data: { value: 1 } });
    expect(await ask('{ value }', { partition: 'viewer,planner' })).toMatchObject({ cache: 'hit', data: { value: 2 } });
  });

  it('neither serves nor keeps a bypassed request, a mutation, or introspection', async () => {
    const noCache: [string, string][] = [['cache-control', 'no-cache']];
    expect(await ask('{ value }', { headers: noCache })).toMatchObject({ cache: 'bypass', data: { value: 1 } });
    expect(await ask('{ value }')).toMatchObject({ cache: 'miss', data: { value: 2 } });
    expect(await ask('{ value }', { headers: noCache })).toMatchObject({ cache: 'bypass', data: { value: 3 } });

    const reads = versionReads;
    expect((await ask('mutation { bump }')).cache).toBeUndefined();
    expect((await ask('{ __typename }')).cache).toBeUndefined();
    expect(versionReads).toBe(reads);
  });

  it('with a budget of 0 is off: no version read, no x-cache header, every request runs its query', async () => {
    const off = new ApolloServer({
      typeDefs: 'type Query { value: Int }',
      resolvers: { Query: { value: () => ++runs } },
      plugins: [
        responseCache({
          version: async () => {
            versionReads += 1;
            return 'v';
          },
          maxBytes: 0,
          logger: createLogger('silent'),
          partitionOf: () => '',
        }),
      ],
    });
    await off.start();
    try {
      for (const expected of [1, 2]) {
        const response = await off.executeOperation({ query: '{ value }' });
        expect(response.http.headers.get('x-cache')).toBeUndefined();
        expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ value: expected });
      }
      expect(versionReads).toBe(0);
    } finally {
      await off.stop();
    }
  });

  it('tells the plugins after it, in their didResolveOperation, whether it answers the request', async () => {
    const cache = responseCache<BaseContext>({
      version: async () => `v${version}`,
      maxBytes: 1024 * 1024,
      logger: createLogger('silent'),
      partitionOf: () => '',
    });
    const seen: Record<'before' | 'after', boolean[]> = { before: [], after: [] };
    const spy = (where: 'before' | 'after'): ApolloServerPlugin<BaseContext> => ({
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue }) {
            seen[where].push(await cache.answersFromCache(contextValue));
          },
        };
      },
    });
    const spied = new ApolloServer<BaseContext>({
      typeDefs: 'type Query { value: Int } type Mutation { bump: Int }',
      resolvers: { Query: { value: () => ++runs }, Mutation: { bump: () => ++version } },
      plugins: [spy('before'), cache, spy('after')],
    });
    await spied.start();
    try {
      const send = (query: string, headers: [string, string][] = []) =>
        spied.executeOperation({
          query,
          http: { method: 'POST', headers: new HeaderMap(headers), search: '', body: {} },
        });
      await send('{ value }'); // miss
      await send('{ value }'); // hit
      await send('{ value }', [['cache-control', 'no-cache']]); // bypass
      await send('mutation { bump }'); // never cached
      await send('{ value }'); // miss: the version moved
      await send('{ value }'); // hit
      expect(seen.after).toEqual([false, true, false, false, false, true]);
      // A plugin listed before the cache asks before the lookup exists: always false.
      expect(seen.before).toEqual([false, false, false, false, false, false]);
    } finally {
      await spied.stop();
    }
  });

  it('answers an unknown operation name with the usual error, not a crash', async () => {
    const result = await ask('query A { value }', { operationName: 'Nope' });
    expect(result.cache).toBeUndefined();
    expect(JSON.stringify(result.errors)).toContain('Unknown operation named \\"Nope\\"');
  });
});
