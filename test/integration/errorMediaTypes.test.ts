import { mintToken } from '../../src/auth';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';

const AUTH = tokenAuth('an-error-media-types-test-secret-32+bytes');
const RATE_PER_MINUTE = 2;

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_TYPE = 'application/graphql-response+json; charset=utf-8';
/** What each kind of client sends: Apollo Client 4 prefers application/graphql-response+json; the others do not. */
const ACCEPTS = {
  json: 'application/json',
  graphqlResponse: 'application/graphql-response+json, application/json;q=0.9',
};

interface Answer {
  status: number;
  type: string | null;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * GraphQL over HTTP: a GraphQL error is 200 under application/json (the client reads the errors in the body) and has
 * its status under application/graphql-response+json; an answer refused before GraphQL runs keeps its status under
 * both, its body in the type the client accepts.
 */
describe('errors under application/json and application/graphql-response+json (real Neo4j)', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp(undefined, { auth: AUTH, fairness: { ratePerMinute: RATE_PER_MINUTE } });
    url = await app.listen();
  });
  afterAll(async () => {
    await app.close();
  });

  let subjects = 0;
  /** A viewer's token of a subject of its own: only the rate-limit case sends more than RATE_PER_MINUTE as one. */
  const viewer = async (sub = `${app.prefix}viewer-${(subjects += 1)}`) =>
    `Bearer ${await mintToken(AUTH, { sub, roles: ['viewer'], ttl: '5m' })}`;

  async function send(
    accept: string | undefined,
    body: string,
    headers: Record<string, string> = {},
    path = '/graphql',
  ): Promise<Answer> {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      // fetch sends `accept: */*` unless told otherwise
      headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }), ...headers },
      body,
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      headers: res.headers,
      body: (await res.json()) as Answer['body'],
    };
  }
  const ask = async (accept: string | undefined, query: string, variables?: Record<string, unknown>) =>
    send(accept, JSON.stringify({ query, variables }), { authorization: await viewer() });
  const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

  describe('GraphQL errors: 200 under application/json, their status under application/graphql-response+json', () => {
    const cases: [string, string, Record<string, unknown> | undefined, number, string][] = [
      ['a parse error', '{ broken', undefined, 400, 'GRAPHQL_PARSE_FAILED'],
      ['a validation error', '{ noSuchField }', undefined, 400, 'GRAPHQL_VALIDATION_FAILED'],
      [
        'a variable of the wrong type',
        'query ($n: Int!) { enterprises(limit: $n) { id } }',
        { n: 'x' },
        400,
        'BAD_USER_INPUT',
      ],
      ['a negative limit', '{ enterprises(limit: -1) { id } }', undefined, 400, 'BAD_USER_INPUT'],
      ['a confidential field for a viewer', '{ enterprises(limit: 1) { revenue } }', undefined, 403, 'FORBIDDEN'],
      ['an unknown id', '{ neighborhood(id: "nobody-here") { nodes { id } } }', undefined, 404, 'NOT_FOUND'],
    ];

    it.each(cases)('%s', async (_name, query, variables, status, code) => {
      const json = await ask(ACCEPTS.json, query, variables);
      expect([json.status, json.type, codeOf(json)]).toEqual([200, JSON_TYPE, code]);
      const graphql = await ask(ACCEPTS.graphqlResponse, query, variables);
      expect([graphql.status, graphql.type, codeOf(graphql)]).toEqual([status, GRAPHQL_TYPE, code]);
    });

    it('is application/json without an Accept header, with the wildcard, and when application/json comes first', async () => {
      for (const accept of [undefined, '*/*', 'application/json, application/graphql-response+json']) {
        const answer = await ask(accept, '{ enterprises(limit: 1) { revenue } }');
        expect([accept, answer.status, answer.type, codeOf(answer)]).toEqual([accept, 200, JSON_TYPE, 'FORBIDDEN']);
      }
    });

    it("keeps Apollo's refusals of the request itself: no query (400), a mutation by GET (405)", async () => {
      for (const accept of Object.values(ACCEPTS)) {
        const noQuery = await send(accept, JSON.stringify({ variables: {} }), { authorization: await viewer() });
        expect([accept, noQuery.status, codeOf(noQuery)]).toEqual([accept, 400, 'BAD_REQUEST']);
        const get = await fetch(`${url}/graphql?query=${encodeURIComponent('mutation { __typename }')}`, {
          headers: { accept, 'apollo-require-preflight': 'true', authorization: await viewer() },
        });
        expect([accept, get.status]).toEqual([accept, 405]);
      }
    });
  });

  describe('answers refused before GraphQL keep their status; the body is in the type the client accepts', () => {
    const typeFor = { json: JSON_TYPE, graphqlResponse: GRAPHQL_TYPE };

    it.each(Object.keys(ACCEPTS) as (keyof typeof ACCEPTS)[])('401 with WWW-Authenticate (%s)', async (kind) => {
      const answer = await send(ACCEPTS[kind], '{"query": "{ __typename }"}', { authorization: 'Bearer not.a.token' });
      expect([answer.status, answer.type, codeOf(answer)]).toEqual([401, typeFor[kind], 'UNAUTHENTICATED']);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="innovation-graph", error="invalid_token"');
    });

    it.each(Object.keys(ACCEPTS) as (keyof typeof ACCEPTS)[])('413 over 1 MB (%s)', async (kind) => {
      const body = JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` });
      const answer = await send(ACCEPTS[kind], body, { authorization: await viewer() });
      expect([answer.status, answer.type, codeOf(answer)]).toEqual([413, typeFor[kind], 'PAYLOAD_TOO_LARGE']);
    });

    it.each(Object.keys(ACCEPTS) as (keyof typeof ACCEPTS)[])('400 for a body that is not JSON (%s)', async (kind) => {
      const answer = await send(ACCEPTS[kind], '{"query": ', { authorization: await viewer() });
      expect([answer.status, answer.type, codeOf(answer)]).toEqual([400, typeFor[kind], 'BAD_REQUEST']);
    });

    it.each(Object.keys(ACCEPTS) as (keyof typeof ACCEPTS)[])('404 for an unknown route (%s)', async (kind) => {
      const answer = await send(ACCEPTS[kind], '{}', {}, '/nothing-here');
      expect([answer.status, answer.type, answer.body]).toEqual([
        404,
        typeFor[kind],
        { errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] },
      ]);
    });

    it('429 with Retry-After past the rate limit, under both', async () => {
      const authorization = await viewer(`${app.prefix}busy`);
      const query = JSON.stringify({ query: '{ __typename }' });
      for (let i = 0; i < RATE_PER_MINUTE; i++)
        expect((await send(ACCEPTS.json, query, { authorization })).status).toBe(200);
      for (const kind of Object.keys(ACCEPTS) as (keyof typeof ACCEPTS)[]) {
        const answer = await send(ACCEPTS[kind], query, { authorization });
        expect([kind, answer.status, answer.type, codeOf(answer)]).toEqual([kind, 429, typeFor[kind], 'RATE_LIMITED']);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    });
  });
});
