import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { AppError, ErrorCode } from '../../src/errors';
import { errorStatus } from '../../src/errors/errorStatus';
import { requestDeadline } from '../../src/graphql/requestDeadline';

/**
 * The status of a GraphQL answer by the type the client accepts, on a schema of its own (no database): the errors
 * raised while executing — a resolver's AppError, a code without a status of its own, the deadline's 504 — which the
 * HTTP tests (test/integration/errorMediaTypes.test.ts) cannot provoke at will. The plugins in the server's order:
 * errorStatus last, or the deadline's 504 would be sent under application/json too.
 */
const schema = buildSchema(
  'type Item { v: Int } type Query { ok: Int, fails(code: String!): Int!, maybe(code: String!): Int, slow: [Item!]! }',
);
const fields = (schema.getType('Query') as GraphQLObjectType).getFields();
fields.ok!.resolve = () => 1;
fields.fails!.resolve = (_source, { code }: { code: ErrorCode }) => {
  // A code's own status travels with an AppError; a plain error with the code alone (as formatError maps a driver's)
  // gets it from errorStatus.
  if (code === ErrorCode.NOT_FOUND) throw new AppError(code, 'id: no node has the id "x"');
  throw Object.assign(new Error('The database is not reachable right now; try again shortly.'), {
    extensions: { code },
  });
};
fields.maybe!.resolve = fields.fails!.resolve;
fields.slow!.resolve = () => [{}, {}, {}, {}, {}];
(schema.getType('Item') as GraphQLObjectType).getFields().v!.resolve = () => {
  const end = Date.now() + 100;
  while (Date.now() < end) {
    // a resolver JavaScript cannot interrupt: the fourth item starts past the deadline (250 ms)
  }
  return 1;
};

const GRAPHQL = 'application/graphql-response+json';
let server: ApolloServer;
const told: number[] = [];

beforeAll(async () => {
  server = new ApolloServer({
    schema,
    formatError: (formatted, error) => {
      const code = (error as { originalError?: { extensions?: { code?: unknown } } }).originalError?.extensions?.code;
      return typeof code === 'string' ? { ...formatted, extensions: { ...formatted.extensions, code } } : formatted;
    },
    plugins: [requestDeadline(250), errorStatus((_context, status) => told.push(status))],
  });
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

async function post(query: string, accept?: string, method: 'POST' | 'GET' = 'POST') {
  const headers = new HeaderMap([['content-type', 'application/json']]);
  if (accept !== undefined) headers.set('accept', accept);
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method,
      headers,
      search: method === 'GET' ? `?query=${encodeURIComponent(query)}` : '',
      body: method === 'POST' ? { query } : {},
    },
    context: async () => ({}),
  });
  const text = response.body.kind === 'complete' ? response.body.string : '';
  const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status ?? 200,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    code: body.errors?.[0]?.extensions?.code,
  };
}

describe('errorStatus: the status of a GraphQL answer by the type the client accepts', () => {
  it.each([
    ['an AppError of a resolver', '{ fails(code: "NOT_FOUND") }', 404, 'NOT_FOUND'],
    ['a code without a status of its own', '{ fails(code: "DATABASE_UNAVAILABLE") }', 503, 'DATABASE_UNAVAILABLE'],
    ['the deadline', '{ slow { v } }', 504, 'QUERY_TIMEOUT'],
    ['a parse error', '{ ok', 400, 'GRAPHQL_PARSE_FAILED'],
  ])(
    '%s: its status under application/graphql-response+json, 200 under application/json',
    async (_n, query, status, code) => {
      told.length = 0;
      expect(await post(query, GRAPHQL)).toMatchObject({
        status,
        code,
        type: expect.stringMatching(/^application\/graphql-response\+json/),
      });
      for (const accept of ['application/json', '*/*', undefined]) {
        expect([accept, await post(query, accept)]).toMatchObject([
          accept,
          { status: 200, code, type: expect.stringMatching(/^application\/json/) },
        ]);
      }
      // What was refused is refused under both: the status under application/graphql-response+json, each time.
      expect(told).toEqual([status, status, status, status]);
    },
  );

  it('answers partial data 200 under both: the client reads the errors next to the data', async () => {
    for (const accept of [GRAPHQL, 'application/json']) {
      expect(await post('{ ok maybe(code: "NOT_FOUND") }', accept)).toMatchObject({ status: 200, code: 'NOT_FOUND' });
    }
  });

  it('says Retry-After for a database that is down, under both', async () => {
    for (const accept of [GRAPHQL, 'application/json']) {
      expect((await post('{ fails(code: "BOOKMARK_NOT_REACHED") }', accept)).retryAfter).toBe('1');
    }
  });

  it("keeps Apollo's refusals of the HTTP request: a mutation by GET (405), a request without a query (400)", async () => {
    for (const accept of [GRAPHQL, 'application/json']) {
      expect((await post('mutation { __typename }', accept, 'GET')).status).toBe(405);
      expect((await post('', accept)).status).toBe(400);
    }
  });

  it('leaves an in-process operation (no HTTP request) its status', async () => {
    const response = await server.executeOperation({ query: '{ fails(code: "NOT_FOUND") }' });
    expect(response.http.status).toBe(404);
  });
});
