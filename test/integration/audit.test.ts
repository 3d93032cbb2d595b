import { spawn } from 'node:child_process';
import { execute, parse } from 'graphql';
import { auditedDriver } from '../../src/audit';
import { authenticate, principalOf } from '../../src/auth';
import { runAutoCommit } from '../../src/db';
import { formatError } from '../../src/errors';
import { buildSchema } from '../../src/graphql';
import { createLogger } from '../../src/logger';
import { fromRoot } from '../../src/paths';
import { as, createTestApp, DATABASE, type TestApp } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

const CREATE_REGIONS = 'mutation ($input: [RegionCreateInput!]!) { createRegions(input: $input) { regions { id } } }';

describe('audit trail: an AuditEvent exactly when a write commits (real Neo4j)', () => {
  let app: TestApp;
  const p = (key: string): string => `${app.prefix}${key}`;
  const code = nextRegionCode;
  const region = (id: string) => ({ id, code: code(), name: '审计区（示例）', level: 'DISTRICT', synthetic: true });

  async function count(cypher: string, params: Record<string, unknown>): Promise<number> {
    const r = await runAutoCommit(app.driver, DATABASE, `${cypher} RETURN count(*) AS n`, params);
    return Number(r.records[0]?.get('n'));
  }
  const events = (actor: string) => count('MATCH (a:AuditEvent {actor: $actor})', { actor });
  const exists = (id: string) => count('MATCH (n {id: $id})', { id });

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('records who, what and how much: one event per mutation root field, in its own transaction', async () => {
    const actor = p('alice');
    const city = p('city');
    const result = await app.execute(
      `mutation ($a: [RegionCreateInput!]!, $b: [RegionCreateInput!]!) {
         first: createRegions(input: $a) { regions { id } }
         second: createRegions(input: $b) { regions { id } }
       }`,
      {
        a: [{ ...region(p('d1')), partOf: { create: [{ node: { ...region(city), level: 'CITY' } }] } }],
        b: [region(p('d2'))],
      },
      as(actor, 'editor'),
    );
    expect(result.errors).toBeUndefined();
    const trail = await app.execute<{ auditEvents: Record<string, unknown>[] }>(
      'query ($actor: String) { auditEvents(actor: $actor) { actor roles operation requestId nodesCreated nodesDeleted relationshipsCreated relationshipsDeleted propertiesSet at } }',
      { actor },
    );
    expect(trail.errors).toBeUndefined();
    const [newest, oldest] = trail.data?.auditEvents ?? [];
    // Newest first: the second root field ran after the first.
    expect(oldest).toMatchObject({
      actor,
      roles: ['editor'],
      operation: 'createRegions',
      requestId: 'test',
      nodesCreated: 2,
      relationshipsCreated: 1,
      nodesDeleted: 0,
      relationshipsDeleted: 0,
      propertiesSet: 10,
    });
    expect(newest).toMatchObject({ nodesCreated: 1, relationshipsCreated: 0, propertiesSet: 5 });
    expect(Date.parse(String(newest?.at))).toBeGreaterThanOrEqual(Date.parse(String(oldest?.at)));
    expect(trail.data?.auditEvents).toHaveLength(2);
  });

  it('leaves neither change nor event when a write fails half-way', async () => {
    const actor = p('bob');
    await app.write(
      `CREATE (:Region {id: $p + 'taken', code: $code, name: '已有（示例）', level: 'DISTRICT', synthetic: true})`,
      {
        code: code(),
      },
    );
    // The first region is fine, the second has the id of an existing one: the statement fails on the constraint.
    const failed = await app.execute(
      CREATE_REGIONS,
      { input: [region(p('fresh')), region(p('taken'))] },
      as(actor, 'editor'),
    );
    expect(failed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await exists(p('fresh'))).toBe(0);
    expect(await events(actor)).toBe(0);

    // In a mutation of two root fields, the one that committed keeps its event; the failed one has none.
    const mixed = await app.execute(
      `mutation ($a: [RegionCreateInput!]!, $b: [RegionCreateInput!]!) {
         ok: createRegions(input: $a) { regions { id } }
         clash: createRegions(input: $b) { regions { id } }
       }`,
      { a: [region(p('ok'))], b: [region(p('taken'))] },
      as(actor, 'editor'),
    );
    expect(mixed.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await exists(p('ok'))).toBe(1);
    expect(await events(actor)).toBe(1);
  });

  it('rolls the change back with the event when the work fails after writing (auditedDriver)', async () => {
    const actor = p('carol');
    const subject = { actor, roles: ['editor'], operation: 'test write', requestId: null };
    const session = auditedDriver(app.driver, subject).session({ database: DATABASE });
    try {
      await expect(
        session.executeWrite(async (tx) => {
          await tx.run(`CREATE (:Region {id: $id, code: '000000', name: 'x', level: 'CITY', synthetic: true})`, {
            id: p('half'),
          });
          throw new Error('fails after writing');
        }),
      ).rejects.toThrow('fails after writing');
      const done = await session.executeWrite((tx) =>
        tx.run(`CREATE (:Region {id: $id, code: $code, name: 'x', level: 'CITY', synthetic: true})`, {
          id: p('whole'),
          code: code(),
        }),
      );
      expect(done.summary.counters.updates().nodesCreated).toBe(1);
    } finally {
      await session.close();
    }
    expect(await exists(p('half'))).toBe(0);
    expect(await exists(p('whole'))).toBe(1);
    expect(
      await count('MATCH (a:AuditEvent {actor: $actor, operation: "test write", nodesCreated: 1})', { actor }),
    ).toBe(1);
  });

  it('pages and filters the trail, newest first, and names a bad argument', async () => {
    const actor = p('dave');
    for (const key of ['e1', 'e2', 'e3']) {
      expect(
        (await app.execute(CREATE_REGIONS, { input: [region(p(key))] }, as(actor, 'admin'))).errors,
      ).toBeUndefined();
    }
    const page = async (args: string) =>
      (
        await app.execute<{ auditEvents: { at: string; propertiesSet: number }[] }>(
          `query ($actor: String) { auditEvents(actor: $actor, ${args}) { at } }`,
          { actor },
        )
      ).data?.auditEvents ?? [];
    const all = await page('limit: 10');
    expect(all).toHaveLength(3);
    expect([...all].sort((a, b) => b.at.localeCompare(a.at))).toEqual(all);
    expect(await page('limit: 1, offset: 1')).toEqual([all[1]]);
    expect(await page(`since: "${all[1]?.at}"`)).toEqual(all.slice(0, 2));
    expect(await page(`until: "${all[1]?.at}"`)).toEqual(all.slice(2));
    const bad = await app.execute('{ auditEvents(since: "yesterday") { id } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'since' } });
    const tooMany = await app.execute('{ auditEvents(limit: 501) { id } }');
    expect(tooMany.errors?.[0]?.message).toBe('limit: must be between 1 and 500; got 501');
  });

  it('offers no way to change or delete the trail through the API', async () => {
    const introspection = await app.execute<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { mutationType { fields { name } } } }',
    );
    const names = introspection.data?.__schema.mutationType.fields.map((f) => f.name) ?? [];
    expect(names).toContain('deleteRegions');
    expect(names.filter((n) => /audit/i.test(n))).toEqual([]);
    // Nor can a map reach an event: the maps start only from the domain's labels.
    const [event] = (await runAutoCommit(app.driver, DATABASE, 'MATCH (a:AuditEvent) RETURN a.id AS id LIMIT 1'))
      .records;
    const map = await app.execute('query ($id: ID!) { neighborhood(id: $id) { nodes { id } } }', {
      id: event?.get('id'),
    });
    expect(map.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("keeps @neo4j/graphql's own rules as a second line, answered as FORBIDDEN", async () => {
    // Straight through graphql-js, without the access plugin: the library's directives alone refuse.
    const { schema } = await buildSchema(app.driver);
    await app.write(
      `CREATE (:Enterprise {id: $p + 'lib-ent', name: '库（示例）', aboveScale: true, backbone: false, revenue: 5, synthetic: true})`,
    );
    const run = async (query: string, roles: Parameters<typeof principalOf>[1]) => {
      const result = await execute({
        schema,
        document: parse(query),
        contextValue: app.server.contextFor('second-line', principalOf(p('lib'), roles, 'token')),
      });
      return result.errors?.map((e) => formatError(e.toJSON(), e).extensions?.code);
    };
    const one = `{ enterprises(where: { id: { eq: "${p('lib-ent')}" } }) { id revenue } }`;
    expect(await run(one, ['viewer'])).toEqual(['FORBIDDEN']);
    expect(await run(one, ['planner'])).toBeUndefined();
    const id = p('lib-write');
    expect(
      await run(
        `mutation { createRegions(input: [{ id: "${id}", code: "${code()}", name: "x", level: CITY, synthetic: true }]) { regions { id } } }`,
        ['planner'],
      ),
    ).toEqual(['FORBIDDEN']);
    expect(await exists(id)).toBe(0);
    expect(await events(p('lib'))).toBe(0);
  });
});

describe('local mode (no authentication configured)', () => {
  it('serves loopback clients as AUTH_LOCAL_ROLE: a planner reads confidential figures and cannot write', async () => {
    const app = await createTestApp(undefined, { auth: { mode: 'local', localRole: 'planner' } });
    try {
      const url = await app.listen();
      // As Apollo Client 4 asks: a refusal has its status (403; under application/json it would be 200).
      const post = (query: string) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query }),
        });
      expect((await post('{ enterprises(limit: 1) { revenue } }')).status).toBe(200);
      const write = await post('mutation { deleteRegions(where: { id: { eq: "none" } }) { nodesDeleted } }');
      expect(write.status).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('refuses a request from another address, or addressed to another host name (DNS rebinding)', () => {
    const handler = authenticate({ mode: 'local', localRole: 'admin' }, createLogger('silent'));
    const answered: { status?: number; body?: unknown } = {};
    // What sendError (src/errors/httpErrors.ts) uses: the request's Accept header, the status, the type, the body.
    const res = {
      locals: {} as Record<string, unknown>,
      req: { headers: {} },
      status(code: number) {
        answered.status = code;
        return this;
      },
      type() {
        return this;
      },
      json(body: unknown) {
        answered.body = body;
        return this;
      },
    };
    let passed = false;
    for (const [address, host, allowed] of [
      ['10.20.30.40', '10.0.0.1:4000', false],
      ['::ffff:192.168.1.9', 'localhost:4000', false],
      ['::ffff:127.0.0.1', '127.0.0.1:4000', true],
      ['::1', '[::1]:4000', true],
      ['127.0.0.1', 'localhost', true],
      // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 reaches us from loopback.
      ['127.0.0.1', 'evil.example:4000', false],
      ['127.0.0.1', undefined, false],
    ] as const) {
      passed = false;
      answered.status = undefined;
      handler({ socket: { remoteAddress: address }, headers: { host } } as never, res as never, () => {
        passed = true;
      });
      expect([address, host, passed, answered.status ?? 200]).toEqual([address, host, allowed, allowed ? 200 : 403]);
    }
  });

  it('refuses to start on 0.0.0.0 without authentication, saying what to set', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'index.ts')], {
      env: {
        ...process.env,
        HOST: '0.0.0.0',
        PORT: '0',
        AUTH_JWT_SECRET: '',
        AUTH_JWKS_URL: '',
        NEO4J_URI: 'bolt://127.0.0.1:1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(
      'HOST=0.0.0.0 accepts connections from other machines, but no authentication is configured',
    );
    expect(output).toContain('AUTH_JWT_SECRET');
  });
});
