import { createTestApp, type TestApp } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

describe('API server on a real Neo4j', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /health/live answers 200 without touching the database', async () => {
    const res = await fetch(`${app.url}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'live' });
  });

  it('GET /health/ready answers 200 with the Neo4j 5.26 version while Neo4j answers', async () => {
    const res = await fetch(`${app.url}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; neo4j: { version: string } };
    expect(body.status).toBe('ready');
    expect(body.neo4j.version).toMatch(/^5\.26\.\d+$/);
  });

  it('creates regions through the generated mutation and reads them back, with their relationship', async () => {
    const city = `${app.prefix}city`;
    const district = `${app.prefix}district`;
    const created = await app.execute<{ createRegions: { regions: { id: string }[] } }>(
      `mutation ($input: [RegionCreateInput!]!) { createRegions(input: $input) { regions { id } } }`,
      {
        input: [
          {
            id: district,
            code: nextRegionCode(),
            name: '测试区（示例）',
            level: 'DISTRICT',
            synthetic: true,
            partOf: {
              create: [
                { node: { id: city, code: nextRegionCode(), name: '测试市（示例）', level: 'CITY', synthetic: true } },
              ],
            },
          },
        ],
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createRegions.regions).toEqual([{ id: district }]);

    const read = await app.execute<{ regions: { name: string; partOf: { id: string; level: string }[] }[] }>(
      `query ($id: ID!) { regions(where: { id: { eq: $id } }) { name partOf { id level } } }`,
      { id: district },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.regions).toEqual([{ name: '测试区（示例）', partOf: [{ id: city, level: 'CITY' }] }]);
  });

  it('rejects a duplicate id with the stable CONFLICT code and no Cypher in the message', async () => {
    const id = `${app.prefix}dup`;
    const mutation = `mutation ($input: [RegionCreateInput!]!) { createRegions(input: $input) { regions { id } } }`;
    const input = [{ id, code: nextRegionCode(), name: '重复（示例）', level: 'DISTRICT', synthetic: true }];
    expect((await app.execute(mutation, { input })).errors).toBeUndefined();
    const second = await app.execute(mutation, { input });
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).not.toMatch(/MATCH|CREATE|MERGE|Neo\./);
  });

  it('answers a malformed query over HTTP with GRAPHQL_PARSE_FAILED, without a stack trace', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ regions { ' }),
    });
    // Under application/json a GraphQL error is 200, the error in the body (test/integration/errorMediaTypes.test.ts).
    expect(res.status).toBe(200);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(body)).not.toContain('stacktrace');
  });

  it('answers with a request id of its own, never the one a client sent', async () => {
    const given = await fetch(`${app.url}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
    const first = given.headers.get('x-request-id');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = await fetch(`${app.url}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
    expect(again.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.headers.get('x-request-id')).not.toBe(first);
    const invented = await fetch(`${app.url}/health/live`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
