import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { SignJWT } from 'jose';
import { mintToken } from '../../src/auth';
import type { Role } from '../../src/domain';
import { nextRegionCode } from '../support/regionCodes';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';

const SECRET_TEXT = 'a-tokens-and-headers-test-secret-32+bytes';
const SECRET = new TextEncoder().encode(SECRET_TEXT);
// A public portal: requests without a token are viewers (AUTH_ANONYMOUS_ROLE=viewer); AUTH_MAX_TOKEN_AGE unset (24 h).
const AUTH = tokenAuth(SECRET_TEXT, { anonymousRole: 'viewer' });
const YEAR = 365 * 86_400;
/** The type whose answers carry the status of their error (GraphQL over HTTP); under application/json they are 200. */
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const now = () => Math.floor(Date.now() / 1000);

type Caller = Role | 'unknown-role';

/** A non-loopback address of this machine, if it has one: a request to it comes from that address, not 127.0.0.1. */
function outsideAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i !== undefined && !i.internal && i.family === 'IPv4')?.address;
}

describe('tokens, cache headers, introspection and readiness details (issue 24, items 4, 5 and 8; real Neo4j)', () => {
  let app: TestApp;
  let url: string;
  const tokens = new Map<Caller, string>();
  const regionCode = nextRegionCode();
  const bearer = (caller: Caller) => ({ authorization: `Bearer ${tokens.get(caller)}` });

  beforeAll(async () => {
    app = await createTestApp(undefined, { auth: AUTH });
    url = await app.listen();
    for (const caller of ['viewer', 'planner', 'editor', 'admin', 'unknown-role'] as const) {
      const roles = (caller === 'unknown-role' ? ['boss'] : [caller]) as Role[];
      tokens.set(caller, await mintToken(AUTH, { sub: `${app.prefix}${caller}`, roles, ttl: '10m' }));
    }
    // One firm with a 2024 report, so that a gap list of 2024 can be exported.
    await app.write(
      `CREATE (r:Region {id: $p + 'region', code: $code, name: '缓存区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (e:Enterprise {id: $p + 'firm', name: '缓存企业（示例）', aboveScale: true, backbone: false,
         revenue: 2000000000, synthetic: true})-[:LOCATED_IN]->(r)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'firm-2024', year: 2024, revenue: 2000000000,
         aboveScale: true, hasRdInstitution: false, hasRdStaff: false, hasRdSpending: false, hasIurCooperation: false,
         synthetic: true})`,
      { code: regionCode },
    );
    // Slow only on a loaded machine (a fresh database's migrations and schema, then the write's upkeep).
  }, 180_000);
  afterAll(async () => {
    await app.close();
  });

  // As Apollo Client 4 asks: a GraphQL error's answer has its status (400, 403), which these tests name.
  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers },
      body: JSON.stringify({ query }),
    });

  const expectPrivate = (res: Response) => {
    expect([res.url, res.headers.get('cache-control')]).toEqual([res.url, 'no-store']);
    expect(res.headers.get('vary') ?? '').toMatch(/\bAuthorization\b/i);
  };

  describe('AUTH_MAX_TOKEN_AGE: a token must carry iat, not in the future, and live at most 24 h', () => {
    const token = (claims: { iat?: number; exp: number }) => {
      const jwt = new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`${app.prefix}mallory`)
        .setExpirationTime(claims.exp);
      return (claims.iat === undefined ? jwt : jwt.setIssuedAt(claims.iat)).sign(SECRET);
    };

    it.each([
      ['a 100-year token', () => token({ iat: now(), exp: now() + 100 * YEAR })],
      ['a token without iat', () => token({ exp: now() + 600 })],
      ['a token issued a year in the future', () => token({ iat: now() + YEAR, exp: now() + YEAR + 600 })],
    ])('%s is 401 TOKEN_LIFETIME, saying the longest lifetime accepted', async (_name, make) => {
      const res = await post('{ __typename }', { authorization: `Bearer ${await make()}` });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="innovation-graph", error="invalid_token"');
      expectPrivate(res);
      const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toEqual({
        code: 'UNAUTHENTICATED',
        reason: 'TOKEN_LIFETIME',
        maxTokenAgeSeconds: 86_400,
        maxTokenAge: '24h',
      });
      expect(body.errors[0]?.message).toMatch(/AUTH_MAX_TOKEN_AGE/);
    });

    it('accepts a normal token, and what npm run token mints (iat set, 24 h at most)', async () => {
      const normal = await token({ iat: now(), exp: now() + 3600 });
      const minted = await mintToken(AUTH, { sub: `${app.prefix}script`, roles: ['admin'], ttl: '24h' });
      for (const jwt of [normal, minted]) {
        const res = await post('{ __typename }', { authorization: `Bearer ${jwt}` });
        expect([res.status, await res.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
      }
    });
  });

  describe('Cache-Control: no-store and Vary: Authorization on every answer that depends on the caller', () => {
    it('GraphQL POST: an answer, a parse error (400), a refusal (403) and a bad token (401)', async () => {
      const ok = await post('{ __typename }', bearer('viewer'));
      expect(ok.status).toBe(200);
      expectPrivate(ok);
      const parse = await post('{ broken', bearer('viewer'));
      expect(parse.status).toBe(400);
      expectPrivate(parse);
      const forbidden = await post('{ auditEvents { id } }', bearer('viewer'));
      expect(forbidden.status).toBe(403);
      expectPrivate(forbidden);
      const bad = await post('{ __typename }', { authorization: 'Bearer not.a.token' });
      expect(bad.status).toBe(401);
      expectPrivate(bad);
      const notJson = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer('viewer') },
        body: '{"query": ',
      });
      expect(notJson.status).toBe(400);
      expectPrivate(notJson);
    });

    it('GraphQL GET: an answer and an error, whatever cache header Apollo would set', async () => {
      const get = (params: Record<string, string>) =>
        fetch(`${url}/graphql?${new URLSearchParams(params).toString()}`, {
          headers: { accept: GRAPHQL_RESPONSE, 'apollo-require-preflight': 'true', ...bearer('planner') },
        });
      const ok = await get({ query: '{ __typename }' });
      expect([ok.status, await ok.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
      expectPrivate(ok);
      const invalid = await get({ query: '{ noSuchField }' });
      expect(invalid.status).toBe(400);
      expectPrivate(invalid);
      // A persisted-query hash alone: Apollo's own answer to it carries `private, no-cache, must-revalidate`.
      const hashOnly = await get({
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } }),
      });
      expect(hashOnly.status).toBeLessThan(500);
      expectPrivate(hashOnly);
    });

    it('exports, imports, /metrics, history and the 404; the static pages stay cacheable', async () => {
      const csv = await fetch(
        `${url}/export/gap/enterprisesWithoutConsortium?year=2024&regionCode=${regionCode}&format=csv`,
        {
          headers: bearer('planner'),
        },
      );
      expect([csv.status, csv.headers.get('content-type'), csv.status === 200 ? '' : await csv.text()]).toEqual([
        200,
        'text/csv; charset=utf-8',
        '',
      ]);
      expectPrivate(csv);
      const refusedExport = await fetch(`${url}/export/review?format=csv`, { headers: bearer('viewer') });
      expect(refusedExport.status).toBe(403);
      expect(((await refusedExport.json()) as { errors: { extensions: unknown }[] }).errors[0]?.extensions).toEqual({
        code: 'FORBIDDEN',
        needs: 'planner',
      });
      expectPrivate(refusedExport);
      const template = await fetch(`${url}/import/template/enterprises`, { headers: bearer('editor') });
      expect(template.status).toBeLessThan(500);
      expectPrivate(template);
      const refusedImport = await fetch(`${url}/import`, { method: 'POST', headers: bearer('viewer') });
      expect(refusedImport.status).toBe(403);
      expectPrivate(refusedImport);
      const metrics = await fetch(`${url}/metrics`, { headers: bearer('admin') });
      expect(metrics.status).toBe(200);
      expectPrivate(metrics);
      const history = await post(`{ history(id: "${app.prefix}none", limit: 1) { at } }`, bearer('planner'));
      expect(history.status).toBeLessThan(500);
      expectPrivate(history);
      const missing = await fetch(`${url}/nothing-here`);
      expect(missing.status).toBe(404);
      expectPrivate(missing);
      for (const file of ['/explorer/', '/graphiql/', '/explorer/vendor/cytoscape.min.js']) {
        const page = await fetch(`${url}${file}`);
        expect([file, page.status]).toEqual([file, 200]);
        expect([file, page.headers.get('cache-control')]).not.toEqual([file, 'no-store']);
      }
    });
  });

  describe('introspection needs a known role', () => {
    const SCHEMA = '{ __schema { queryType { name } } }';

    it('is refused (403) to a token whose roles are all unknown, on POST and GET', async () => {
      const res = await post(SCHEMA, bearer('unknown-role'));
      expect(res.status).toBe(403);
      const body = (await res.json()) as { data?: unknown; errors: { extensions: Record<string, unknown> }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refused: [{ what: '__schema' }] });
      const typeQuery = await post('{ t: __type(name: "Enterprise") { fields { name } } }', bearer('unknown-role'));
      expect(typeQuery.status).toBe(403);
      const get = await fetch(`${url}/graphql?query=${encodeURIComponent(SCHEMA)}`, {
        headers: { accept: GRAPHQL_RESPONSE, 'apollo-require-preflight': 'true', ...bearer('unknown-role') },
      });
      expect(get.status).toBe(403);
      // __typename alone tells nothing and stays open.
      expect((await post('{ __typename }', bearer('unknown-role'))).status).toBe(200);
    });

    it('is answered to a viewer token and to the anonymous role', async () => {
      for (const headers of [bearer('viewer'), {}]) {
        const res = await post(SCHEMA, headers);
        expect([res.status, await res.json()]).toEqual([200, { data: { __schema: { queryType: { name: 'Query' } } } }]);
      }
    });
  });

  describe('/health/ready tells the Neo4j version to this machine and to admins only', () => {
    type Ready = { status: string; neo4j?: { version?: string } };
    const ready = async (base: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}/health/ready`, { headers });
      expectPrivate(res);
      return { status: res.status, body: (await res.json()) as Ready };
    };

    it('answers a loopback caller with the details', async () => {
      const answer = await ready(url);
      expect(answer.status).toBe(200);
      expect(answer.body.neo4j?.version).toMatch(/^5\.26\.\d+$/);
    });

    it('answers another machine (or one relayed by a proxy) with the status only, an admin token with details', async () => {
      // A real request from a non-loopback address when this machine has one; a proxy's X-Forwarded-For otherwise.
      const address = outsideAddress();
      let outside: http.Server | undefined;
      let base = url;
      let relay: Record<string, string> = { 'x-forwarded-for': '203.0.113.9' };
      if (address !== undefined) {
        outside = http.createServer(app.server.app);
        await new Promise<void>((resolve) => outside?.listen(0, address, resolve));
        base = `http://${address}:${(outside.address() as AddressInfo).port}`;
        relay = {};
      }
      try {
        for (const headers of [{}, bearer('viewer'), bearer('editor'), { authorization: 'Bearer not.a.token' }]) {
          expect(await ready(base, { ...relay, ...headers })).toEqual({ status: 200, body: { status: 'ready' } });
        }
        // A well-signed admin token that lives too long is no admin here either (and still no 401).
        const tooLong = await new SignJWT({ roles: ['admin'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('mallory')
          .setIssuedAt()
          .setExpirationTime(now() + 100 * YEAR)
          .sign(SECRET);
        expect(await ready(base, { ...relay, authorization: `Bearer ${tooLong}` })).toEqual({
          status: 200,
          body: { status: 'ready' },
        });
        const admin = await ready(base, { ...relay, ...bearer('admin') });
        expect(admin.status).toBe(200);
        expect(admin.body.neo4j?.version).toMatch(/^5\.26\.\d+$/);
        // Through a proxy on this machine (loopback address, X-Forwarded-For): no details without an admin token.
        expect(await ready(url, { 'x-forwarded-for': '203.0.113.9' })).toEqual({
          status: 200,
          body: { status: 'ready' },
        });
      } finally {
        if (outside !== undefined) await new Promise((resolve) => outside?.close(resolve));
      }
    });
  });
});
