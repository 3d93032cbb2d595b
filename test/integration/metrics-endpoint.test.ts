import { mintToken } from '../../src/auth';
import { loadConfig } from '../../src/config';
import { createTestApp, tokenAuth } from '../support/testApp';

const AUTH = tokenAuth('a-metrics-test-secret-of-32-bytes-long');

describe('operations: GET /metrics (Prometheus) and the introspection switch', () => {
  it('counts requests, operations by outcome, refusals and cache answers; admins only with tokens', async () => {
    const app = await createTestApp(undefined, { auth: AUTH });
    try {
      const url = await app.listen();
      const bearer = (role: 'viewer' | 'admin') => mintToken(AUTH, { sub: `m-${role}`, roles: [role], ttl: '5m' });
      const viewer = await bearer('viewer');
      const post = (query: string, token?: string) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query }),
        });
      await post('{ regions(limit: 1) { id } }', viewer);
      await post('{ regions(limit: 1) { id } }', viewer); // a cache hit
      await post('{ enterprises(limit: 1) { revenue } }', viewer); // FORBIDDEN
      await post('{ __typename }'); // no token: UNAUTHENTICATED (and /metrics without one below: 2)

      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const refused = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${viewer}` } });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { errors: { extensions: unknown }[] }).errors[0]?.extensions).toEqual({
        code: 'FORBIDDEN',
        needs: 'admin',
      });
      const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${await bearer('admin')}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toMatch(
        /ig_graphql_operation_duration_seconds_count\{type="query",field="regions",outcome="ok"\} 2/,
      );
      expect(text).toMatch(
        /ig_graphql_operation_duration_seconds_count\{type="query",field="enterprises",outcome="FORBIDDEN"\} 1/,
      );
      expect(text).toMatch(/ig_refused_requests_total\{reason="FORBIDDEN"\} 2/);
      expect(text).toMatch(/ig_refused_requests_total\{reason="UNAUTHENTICATED"\} 2/);
      expect(text).toMatch(/ig_response_cache_total\{outcome="hit"\} 1/);
      expect(text).toMatch(/ig_http_request_duration_seconds_count\{route="\/graphql",status="401"\} 1/);
      expect(text).toMatch(/ig_db_sessions\{state="active"\} 0/);
      expect(text).toMatch(/nodejs_heap_size_used_bytes/);
    } finally {
      await app.close();
    }
  });

  it('answers introspection unless GRAPHQL_INTROSPECTION is off (the default with NODE_ENV=production)', async () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
    const app = await createTestApp(undefined, { introspection: false });
    try {
      const url = await app.listen();
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
      // fetch's Accept (the wildcard) gets application/json: a GraphQL error is 200, its code in the body.
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    } finally {
      await app.close();
    }
  });
});
