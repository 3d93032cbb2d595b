import { createTestApp, type TestApp } from '../support/testApp';

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

describe('operation limits: hostile operations are refused before they run (real Neo4j)', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp();
    url = await app.listen();
  });
  afterAll(async () => {
    await app.close();
  });

  // As Apollo Client 4 asks: a refusal has its status (400), as README's table of bounds says (under application/json
  // it would be 200, the code in the body).
  async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'cache-control': 'no-cache',
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }
  const codeOf = (a: Answer) => a.body.errors?.[0]?.extensions.code;

  it('refuses the fan-out query (lists of 1000 inside lists of 1000) by its cost, naming the budget', async () => {
    const answer = await post(
      '{ qualifications { holders(limit: 1000) { qualifications { holders(limit: 1000) { id name } } } } }',
    );
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('QUERY_TOO_COMPLEX');
    expect(answer.body.errors?.[0]?.message).toMatch(/over the limit of 250000/);
    expect(answer.body.errors?.[0]?.extensions.cost).toBeGreaterThan(1e8);
  });

  it('refuses too many aliases, too deep a query, too many directives or tokens', async () => {
    const aliases = Array.from(
      { length: 300 },
      (_, i) => `n${i}: neighborhood(id: "x", depth: 3, limit: 1000) { truncated }`,
    );
    const many = await post(`{ ${aliases.slice(0, 100).join(' ')} }`);
    expect([many.status, codeOf(many)]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(many.body.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
    // 300 of them are also over the token limit: refused while parsing.
    expect((await post(`{ ${aliases.join(' ')} }`)).status).toBe(400);

    const deep =
      '{ enterprises(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { customers(limit: 1) { id } } } } } } } } } } } }';
    const depth = await post(deep);
    expect([depth.status, codeOf(depth)]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(depth.body.errors?.[0]?.message).toMatch(/depth/i);

    const directives = await post(`{ __typename ${'@include(if: true) '.repeat(60)} }`);
    expect([directives.status, codeOf(directives)]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);

    const tokens = await post(`{ ${Array.from({ length: 2100 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect([tokens.status, codeOf(tokens)]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    expect(tokens.body.errors?.[0]?.message).toMatch(/more that 2000 tokens/); // (sic, graphql-js);
  });

  it.each([
    ['{ enterprises(limit: -1) { id } }', 'limit', /must be 0 or more; got -1 \(in Query.enterprises\)/],
    ['{ enterprises(offset: -5) { id } }', 'offset', /must be 0 or more; got -5/],
    ['{ enterprisesConnection(first: -3) { edges { node { id } } } }', 'first', /must be 0 or more; got -3/],
    ['{ enterprises(limit: 1) { reports(limit: -1) { year } } }', 'limit', /in Enterprise.reports/],
    ['{ enterprises(limit: 5000) { id } }', 'limit', /must be at most 1000; got 5000/],
    // The library reads 0 as "no limit at all".
    ['{ enterprises(limit: 0) { id suppliers(limit: 0) { id } } }', 'limit', /must be at least 1; got 0/],
    ['{ enterprisesConnection(first: 0) { edges { node { id } } } }', 'first', /must be at least 1; got 0/],
    // A list of a union has no @limit of its own: it must be bounded by the client.
    [
      '{ achievements(limit: 1) { achievedBy { ... on Enterprise { id } } } }',
      'limit',
      /is required on a list of OrganizationOrPlatform/,
    ],
    [
      '{ organizationOrPlatforms { ... on Platform { id } } }',
      'limit',
      /is required on a list of OrganizationOrPlatform/,
    ],
  ])('refuses %s as BAD_USER_INPUT naming %s', async (query, argument, message) => {
    const answer = await post(query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument } });
    expect(answer.body.errors?.[0]?.message).toMatch(message);
  });

  it('costs a list of an interface by its @limit, like a list of a type', async () => {
    const answer = await post('{ organizations { projects(limit: 240) { undertakers(limit: 1000) { id } } } }');
    expect([answer.status, codeOf(answer)]).toEqual([400, 'QUERY_TOO_COMPLEX']);
    const bounded = await post('{ achievements(limit: 5) { achievedBy(limit: 5) { ... on Enterprise { id } } } }');
    expect(bounded.body.errors).toBeUndefined();
  });

  it('checks paging arguments given as variables too', async () => {
    const answer = await post('query ($n: Int) { regions(limit: $n) { id } }', { n: -2 });
    expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'limit' } });
  });

  it('refuses a subscription with BAD_REQUEST, not an internal error', async () => {
    const answer = await post('subscription { __typename }');
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_REQUEST');
  });

  it('lets the queries the explorer, the README and the review send through', async () => {
    const subgraph = 'nodes { id type label properties } edges { id type source target properties } truncated';
    for (const query of [
      `{ neighborhood(id: "none", depth: 1, limit: 60) { ${subgraph} omitted { relationshipType count } } }`,
      '{ industryChains(limit: 100, sort: [{ name: ASC }]) { id name } }',
      '{ search(text: "平煤", limit: 15) { id type label } }',
      '{ targetReview(year: 2024) { allMet targets { metric target actual gap status previousActual } } }',
      '{ enterprises(limit: 500) { id name reports(limit: 10) { year revenue } } }',
    ]) {
      const answer = await post(query);
      expect([query, codeOf(answer)]).not.toEqual([
        query,
        expect.stringMatching(/QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED/),
      ]);
    }
  });
});
