import { randomInt } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { mintToken } from '../../src/auth';
import type { Role } from '../../src/domain';
import { runAutoCommit } from '../../src/db';
import * as dbDriver from '../../src/db/driver';
import * as gaps from '../../src/queries/gaps';
import { createTestApp, DATABASE, type TestApp, tokenAuth } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

const SECRET_TEXT = 'an-integration-test-secret-of-32+bytes';
const SECRET = new TextEncoder().encode(SECRET_TEXT);
const AUTH = tokenAuth(SECRET_TEXT, { issuer: 'https://sso.test', audience: 'innovation-graph' });
const REVENUE = 987654321;

/** Who asks: a role (a token granting it), a token granting only an unknown role, or nobody. */
type Caller = Role | 'unknown-role' | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'unknown-role', 'viewer', 'planner', 'editor', 'admin'];
const RANK: Record<Role, number> = { viewer: 0, planner: 1, editor: 2, admin: 3 };

/** The type whose answers carry the status of their error (GraphQL over HTTP); under application/json they are 200. */
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
  headers: Headers;
}

describe('access control over HTTP with bearer tokens (real Neo4j)', () => {
  let app: TestApp;
  const p = (key: string): string => `${app.prefix}${key}`;
  const [code, code2] = [nextRegionCode(), nextRegionCode()];
  const newRegionCodes = new Map(CALLERS.map((c) => [c, nextRegionCode()]));
  const tokens = new Map<Caller, string>();

  // Sent as Apollo Client 4 sends it: the answer's status says how the request went (401, 403), as the matrix checks.
  async function post(caller: Caller | { header: string }, query: string, variables: Record<string, unknown> = {}) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: GRAPHQL_RESPONSE,
      'cache-control': 'no-cache',
    };
    if (typeof caller === 'object') headers.authorization = caller.header;
    else if (caller !== 'anonymous') headers.authorization = `Bearer ${tokens.get(caller)}`;
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'], headers: res.headers };
  }

  async function exists(id: string): Promise<boolean> {
    const r = await runAutoCommit(app.driver, DATABASE, 'MATCH (n {id: $id}) RETURN count(n) AS n', { id });
    return Number(r.records[0]?.get('n')) > 0;
  }

  async function auditCount(actor: string, operation: string): Promise<number> {
    const r = await runAutoCommit(
      app.driver,
      DATABASE,
      'MATCH (a:AuditEvent {actor: $actor, operation: $operation}) RETURN count(a) AS n',
      { actor, operation },
    );
    return Number(r.records[0]?.get('n'));
  }

  beforeAll(async () => {
    app = await createTestApp(undefined, { auth: AUTH });
    await app.listen();
    for (const caller of CALLERS) {
      if (caller === 'anonymous') continue;
      const roles = (caller === 'unknown-role' ? ['boss'] : [caller]) as Role[];
      tokens.set(caller, await mintToken(AUTH, { sub: p(caller), roles, ttl: '10m' }));
    }
    await app.write(
      `CREATE (r:Region {id: $p + 'region', code: $code, name: '权限区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (:Region {id: $p + 'region2', code: $code2, name: '权限区二（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (e:Enterprise {id: $p + 'ent', name: '权限企业（示例）', aboveScale: true, backbone: false,
                             revenue: $revenue, synthetic: true})-[:LOCATED_IN]->(r)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'rep', year: 2024, revenue: $revenue, rdExpenditure: 4321,
               rdStaff: 12, aboveScale: true, hasRdInstitution: false, hasRdStaff: true, hasRdSpending: true,
               hasIurCooperation: false, synthetic: true})
       WITH r
       UNWIND ['viewer', 'planner', 'editor', 'admin', 'unknown-role', 'anonymous'] AS caller
       CREATE (:Region {id: $p + 'del-' + caller, code: $code + '-' + caller, name: '待删（示例）', level: 'DISTRICT',
                        synthetic: true})
       CREATE (:Enterprise {id: $p + 'conn-' + caller, name: '待连（示例）', aboveScale: false, backbone: false,
                            synthetic: true})`,
      { code, code2, revenue: REVENUE },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  /**
   * The matrix: each operation with the lowest role that may run it. Every cell is a real request; a write cell
   * also checks the database and the audit trail (the change and its event exactly when allowed).
   */
  const OPERATIONS: {
    name: string;
    needs: Role;
    run: (caller: Caller) => Promise<Answer>;
    /** For writes: whether the change is in the database now, and the audited operation. */
    wrote?: (caller: Caller) => Promise<boolean>;
    operation?: string;
  }[] = [
    {
      name: 'read the directory',
      needs: 'viewer',
      run: (c) => post(c, 'query ($id: ID!) { enterprises(where: { id: { eq: $id } }) { id name } }', { id: p('ent') }),
    },
    {
      name: 'read a confidential field',
      needs: 'planner',
      run: (c) =>
        post(c, 'query ($id: ID!) { enterprises(where: { id: { eq: $id } }) { id revenue } }', { id: p('ent') }),
    },
    {
      name: 'list a gap',
      needs: 'planner',
      run: (c) =>
        post(c, 'query ($code: RegionCode) { enterprisesWithoutConsortium(year: 2024, regionCode: $code) { id } }', {
          code,
        }),
    },
    {
      name: 'read a metric',
      needs: 'viewer',
      run: (c) => post(c, '{ metric(name: HIGH_TECH_ENTERPRISES, year: 2024) { value } }'),
    },
    {
      name: 'read map properties',
      needs: 'viewer',
      run: (c) => post(c, 'query ($id: ID!) { neighborhood(id: $id) { nodes { id properties } } }', { id: p('ent') }),
    },
    {
      name: 'partner suggestions',
      needs: 'planner',
      run: (c) => post(c, 'query ($id: ID!) { partnerSuggestions(enterpriseId: $id) { id } }', { id: p('ent') }),
    },
    {
      name: 'create',
      needs: 'editor',
      operation: 'createRegions',
      run: (c) =>
        post(c, 'mutation ($input: [RegionCreateInput!]!) { createRegions(input: $input) { regions { id } } }', {
          input: [
            {
              id: p(`new-${c}`),
              code: newRegionCodes.get(c),
              name: '新区（示例）',
              level: 'DISTRICT',
              synthetic: true,
            },
          ],
        }),
      wrote: (c) => exists(p(`new-${c}`)),
    },
    {
      name: 'update',
      needs: 'editor',
      operation: 'updateEnterprises',
      run: (c) =>
        post(
          c,
          'mutation ($id: ID!, $name: String!) { updateEnterprises(where: { id: { eq: $id } }, update: { name: { set: $name } }) { enterprises { id } } }',
          { id: p('ent'), name: `改名-${c}（示例）` },
        ),
      wrote: async (c) => {
        const r = await runAutoCommit(app.driver, DATABASE, 'MATCH (e:Enterprise {id: $id}) RETURN e.name AS name', {
          id: p('ent'),
        });
        return r.records[0]?.get('name') === `改名-${c}（示例）`;
      },
    },
    {
      name: 'connect',
      needs: 'editor',
      operation: 'updateEnterprises',
      run: (c) =>
        post(
          c,
          `mutation ($id: ID!, $region: ID!) { updateEnterprises(where: { id: { eq: $id } },
             update: { locatedIn: [{ connect: [{ where: { node: { id: { eq: $region } } } }] }] }) { enterprises { id } } }`,
          { id: p(`conn-${c}`), region: p('region2') },
        ),
      wrote: async (c) => {
        const r = await runAutoCommit(
          app.driver,
          DATABASE,
          'MATCH (:Enterprise {id: $id})-[l:LOCATED_IN]->() RETURN count(l) AS n',
          { id: p(`conn-${c}`) },
        );
        return Number(r.records[0]?.get('n')) === 1;
      },
    },
    {
      name: 'delete',
      needs: 'editor',
      operation: 'deleteRegions',
      run: (c) =>
        post(c, 'mutation ($id: ID!) { deleteRegions(where: { id: { eq: $id } }) { nodesDeleted } }', {
          id: p(`del-${c}`),
        }),
      wrote: async (c) => !(await exists(p(`del-${c}`))),
    },
    {
      name: 'read the audit trail',
      needs: 'admin',
      run: (c) => post(c, '{ auditEvents(limit: 1) { id actor operation } }'),
    },
  ];

  const cells = OPERATIONS.flatMap((op) => CALLERS.map((caller) => [op.name, caller, op] as const));

  it.each(cells)('%s as %s', async (_name, caller, op) => {
    const allowed = caller !== 'anonymous' && caller !== 'unknown-role' && RANK[caller] >= RANK[op.needs];
    const before = op.operation ? await auditCount(p(caller), op.operation) : 0;
    const answer = await op.run(caller);
    if (caller === 'anonymous') {
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REQUIRED' });
    } else if (allowed) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.status).toBe(200);
    } else {
      expect(answer.status).toBe(403);
      expect(answer.body.data ?? null).toBeNull();
      const error = answer.body.errors?.[0];
      expect(error?.extensions.code).toBe('FORBIDDEN');
      expect(error?.message).toMatch(/^Forbidden: .*(needs the \w+ role|is confidential)/);
    }
    if (op.wrote && op.operation) {
      expect(await op.wrote(caller)).toBe(allowed);
      expect((await auditCount(p(caller), op.operation)) - before).toBe(allowed ? 1 : 0);
    }
  });

  it('does no database work for a refused request: no data-version read, no argument lookup', async () => {
    const lookups = jest.spyOn(gaps, 'checkGapArguments');
    const versions = jest.spyOn(dbDriver, 'dataVersion');
    try {
      const gap = 'query ($code: RegionCode) { enterprisesWithoutConsortium(year: 2024, regionCode: $code) { id } }';
      const refused = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: GRAPHQL_RESPONSE,
          authorization: `Bearer ${tokens.get('viewer')}`,
        },
        body: JSON.stringify({ query: gap, variables: { code } }),
      });
      expect(refused.status).toBe(403);
      expect([lookups.mock.calls.length, versions.mock.calls.length]).toEqual([0, 0]);
      // The same request from a planner does both: the spies see the server's calls.
      const allowed = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('planner')}` },
        body: JSON.stringify({ query: gap, variables: { code } }),
      });
      expect(allowed.status).toBe(200);
      expect(lookups.mock.calls.length).toBe(1);
      expect(versions.mock.calls.length).toBeGreaterThanOrEqual(1);
    } finally {
      lookups.mockRestore();
      versions.mockRestore();
    }
  });

  it('names what it refuses: the field and the role it needs', async () => {
    const confidential = await post('viewer', '{ annualReports(limit: 1) { year rdStaff } }');
    expect(confidential.body.errors?.[0]).toEqual({
      message: 'Forbidden: AnnualReport.rdStaff is confidential (planner role). Your roles: viewer.',
      extensions: {
        code: 'FORBIDDEN',
        needs: 'planner',
        refused: [{ what: 'AnnualReport.rdStaff', needs: 'planner' }],
      },
    });
    const write = await post('planner', 'mutation { deleteRegions(where: { id: { eq: "x" } }) { nodesDeleted } }');
    expect(write.body.errors?.[0]?.message).toBe(
      'Forbidden: deleteRegions needs the editor role. Your roles: planner.',
    );
  });

  it('keeps every confidential figure out of a viewer map, and ranks nothing by them', async () => {
    const ask = (caller: Caller, id: string) =>
      post(caller, 'query ($id: ID!) { neighborhood(id: $id) { nodes { id properties } edges { properties } } }', {
        id,
      });
    const planner = await ask('planner', p('rep'));
    const viewer = await ask('viewer', p('rep'));
    type Nodes = { neighborhood: { nodes: { id: string; properties: Record<string, unknown> }[] } };
    const props = (a: Answer, id: string) =>
      (a.body.data as Nodes).neighborhood.nodes.find((n) => n.id === id)?.properties;
    // Money as a decimal string, as a BigInt field gives it; rdStaff is a count.
    expect(props(planner, p('rep'))).toMatchObject({ revenue: String(REVENUE), rdExpenditure: '4321', rdStaff: 12 });
    expect(props(planner, p('ent'))).toMatchObject({ revenue: String(REVENUE) });
    const report = props(viewer, p('rep')) ?? {};
    expect(report).toMatchObject({ year: 2024, hasRdStaff: true });
    expect(Object.keys(report)).not.toEqual(expect.arrayContaining(['revenue']));
    for (const hidden of ['revenue', 'rdExpenditure', 'rdStaff']) {
      expect([hidden, hidden in report, hidden in (props(viewer, p('ent')) ?? {})]).toEqual([hidden, false, false]);
    }
  });

  it('ranks a chain map by revenue only for roles that may see it', async () => {
    await app.write(
      `CREATE (c:IndustryChain {id: $p + 'chain', name: '权限链（示例）', leading: false, verified: false, synthetic: true})
       CREATE (s:ChainSegment {id: $p + 'seg', name: '环节（示例）', position: 'UPSTREAM', synthetic: true})-[:OF_CHAIN]->(c)
       CREATE (:Enterprise {id: $p + 'a-small', name: '小（示例）', aboveScale: true, backbone: false, revenue: 1,
                            synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (:Enterprise {id: $p + 'b-big', name: '大（示例）', aboveScale: true, backbone: false, revenue: 100,
                            synthetic: true})-[:OPERATES_IN]->(s)`,
    );
    const order = async (caller: Caller) => {
      const answer = await post(caller, 'query ($id: ID!) { chainMap(chainId: $id) { nodes { id } } }', {
        id: p('chain'),
      });
      const ids = (answer.body.data as { chainMap: { nodes: { id: string }[] } }).chainMap.nodes.map((n) => n.id);
      return ids.filter((id) => id === p('a-small') || id === p('b-big'));
    };
    expect(await order('planner')).toEqual([p('b-big'), p('a-small')]);
    expect(await order('viewer')).toEqual([p('a-small'), p('b-big')]);
  });

  it('never serves a planner answer from the cache to a viewer', async () => {
    const query = 'query ($id: ID!) { neighborhood(id: $id) { nodes { id properties } } }';
    const send = (caller: Caller) =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(caller)}` },
        body: JSON.stringify({ query, variables: { id: p('ent') } }),
      });
    await send('planner');
    const again = await send('planner');
    expect(again.headers.get('x-cache')).toBe('hit');
    const viewer = await send('viewer');
    expect(viewer.headers.get('x-cache')).toBe('miss');
    expect(JSON.stringify(await viewer.json())).not.toContain(String(REVENUE));
  });

  describe('every malformed or invalid credential is 401 before anything runs', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const good = () =>
      new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer(AUTH.issuer as string)
        .setAudience(AUTH.audience as string)
        .setExpirationTime(now() + 600);
    const cases: [string, () => Promise<string>, string][] = [
      ['another scheme', async () => 'Basic bWFsbG9yeTpwdw==', 'MALFORMED_AUTHORIZATION'],
      ['an empty bearer', async () => 'Bearer ', 'MALFORMED_AUTHORIZATION'],
      ['not a JWT', async () => 'Bearer not-a-token', 'MALFORMED_AUTHORIZATION'],
      [
        'alg none',
        async () =>
          `Bearer ${new UnsecuredJWT({ roles: ['admin'] })
            .setSubject('m')
            .setIssuer('https://sso.test')
            .setAudience('innovation-graph')
            .setExpirationTime(now() + 600)
            .encode()}`,
        'INVALID_TOKEN',
      ],
      [
        'a wrong key',
        async () => `Bearer ${await good().sign(new TextEncoder().encode('not-the-secret-but-32-bytes-long!!'))}`,
        'INVALID_TOKEN',
      ],
      [
        'an expired token',
        async () =>
          `Bearer ${await good()
            .setExpirationTime(now() - 120)
            .sign(SECRET)}`,
        'INVALID_TOKEN',
      ],
      [
        'a token not valid yet',
        async () =>
          `Bearer ${await good()
            .setNotBefore(now() + 3600)
            .sign(SECRET)}`,
        'INVALID_TOKEN',
      ],
      [
        'a wrong issuer',
        async () => `Bearer ${await good().setIssuer('https://evil.test').sign(SECRET)}`,
        'INVALID_TOKEN',
      ],
      ['a wrong audience', async () => `Bearer ${await good().setAudience('other').sign(SECRET)}`, 'INVALID_TOKEN'],
      [
        'roles that are not a list of strings',
        async () =>
          `Bearer ${await new SignJWT({ roles: 'admin' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('m')
            .setIssuer('https://sso.test')
            .setAudience('innovation-graph')
            .setExpirationTime(now() + 600)
            .sign(SECRET)}`,
        'INVALID_TOKEN',
      ],
    ];

    it.each(cases)('%s', async (_name, header, reason) => {
      const id = p(`mallory-${reason}-${randomInt(0, 1e9)}`);
      const answer = await post(
        { header: await header() },
        'mutation ($input: [RegionCreateInput!]!) { createRegions(input: $input) { regions { id } } }',
        { input: [{ id, code: `m${randomInt(0, 1e9)}`, name: '恶意（示例）', level: 'DISTRICT', synthetic: true }] },
      );
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="innovation-graph", error="invalid_token"');
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
      expect(await exists(id)).toBe(false);
      expect(await auditCount('mallory', 'createRegions')).toBe(0);
    });

    it('asks for a token without naming an error when none was sent; health needs none', async () => {
      const answer = await post('anonymous', '{ __typename }');
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="innovation-graph"');
      expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    });
  });

  it('answers CORS only for the configured origins (none by default)', async () => {
    const preflight = await fetch(`${app.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const allowing = await createTestApp(undefined, { auth: AUTH, corsOrigins: ['https://planning.example.gov.cn'] });
    try {
      const url = await allowing.listen();
      const ok = await fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://planning.example.gov.cn', 'access-control-request-method': 'POST' },
      });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://planning.example.gov.cn');
      const other = await fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await allowing.close();
    }
  });

  it('serves anonymous requests as AUTH_ANONYMOUS_ROLE when set, and still refuses a bad token', async () => {
    const portal = await createTestApp(undefined, { auth: { ...AUTH, anonymousRole: 'viewer' } });
    try {
      const url = await portal.listen();
      const ask = (headers: Record<string, string>, query: string) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers },
          body: JSON.stringify({ query }),
        });
      expect((await ask({}, '{ regions(limit: 1) { id } }')).status).toBe(200);
      expect((await ask({}, '{ enterprises(limit: 1) { revenue } }')).status).toBe(403);
      expect((await ask({ authorization: 'Bearer a.b.c' }, '{ regions(limit: 1) { id } }')).status).toBe(401);
    } finally {
      await portal.close();
    }
  });
});
