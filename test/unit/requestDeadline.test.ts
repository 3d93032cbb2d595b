import { ApolloServer } from '@apollo/server';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { requestDeadline } from '../../src/graphql/requestDeadline';

/**
 * The deadline is about JavaScript work the database timeout cannot see (building a result), so it is tested on a
 * schema of its own whose fields burn the clock: no database is involved in what is measured.
 */
function busyFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // spin: a resolver that cannot be interrupted, like graphql-js completing a large list
  }
}

let resolved = 0;
const schema = buildSchema(
  'type Item { v: Int } type Query { items(n: Int!, ms: Int!): [Item!]! } type Mutation { items(n: Int!, ms: Int!): [Item!]! }',
);
const fields = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
fields('Query').items!.resolve = (_source, { n, ms }: { n: number; ms: number }) =>
  Array.from({ length: n }, () => ({ ms }));
fields('Mutation').items!.resolve = fields('Query').items!.resolve;
fields('Item').v!.resolve = ({ ms }: { ms: number }) => {
  busyFor(ms);
  resolved += 1;
  return ms;
};

async function run(timeoutMs: number, n: number, ms: number, operation = 'query') {
  const server = new ApolloServer({ schema, plugins: [requestDeadline(timeoutMs)] });
  await server.start();
  try {
    resolved = 0;
    const response = await server.executeOperation({ query: `${operation} { items(n: ${n}, ms: ${ms}) { v } }` });
    return { response, resolved };
  } finally {
    await server.stop();
  }
}

describe('the request deadline (QUERY_TIMEOUT_MS over the whole request)', () => {
  it('answers one QUERY_TIMEOUT (504) once result building passes the deadline, and stops resolving fields', async () => {
    // 50 fields of 20 ms each would take 1 s; the deadline is 100 ms, so at most a handful run (about 5, plus the one
    // that was running when it passed).
    const { response, resolved: ran } = await run(100, 50, 20);
    expect(response.http.status).toBe(504);
    expect(response.body.kind === 'single' && response.body.singleResult).toEqual({
      errors: [
        {
          message: 'The request took longer than 100 ms, result building included; narrow it down.',
          extensions: { code: 'QUERY_TIMEOUT', timeoutMs: 100 },
        },
      ],
    });
    expect(ran).toBeLessThan(50);
  });

  it('answers a request that finishes in time as is', async () => {
    const { response, resolved: ran } = await run(5_000, 5, 1);
    expect(response.http.status).toBeUndefined();
    expect(response.body.kind === 'single' && response.body.singleResult).toEqual({
      data: { items: [{ v: 1 }, { v: 1 }, { v: 1 }, { v: 1 }, { v: 1 }] },
    });
    expect(ran).toBe(5);
  });

  it('leaves a mutation to its transactions: one past the deadline may have committed, and is answered as it ran', async () => {
    const { response, resolved: ran } = await run(50, 10, 10, 'mutation');
    expect(response.http.status).toBeUndefined();
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
    expect(ran).toBe(10);
  });
});
