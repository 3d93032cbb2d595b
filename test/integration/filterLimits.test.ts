import { countingDriver, createTestApp, type TestApp } from '../support/testApp';

interface Answer {
  status: number;
  ms: number;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

/** The filter of the review (issue 24): four relationship filters nested in one another. */
const FOUR_LEVELS =
  '{ qualifications(where: { holders: { some: { qualifications: { some: { holders: { some: { qualifications: { some: { id: { eq: "none" } } } } } } } } } }) { id name } }';
const THIRD_HOP = 'qualifications.where.holders.some.qualifications.some.holders.some';

describe('relationship filters are bounded before they run (real Neo4j)', () => {
  let app: TestApp;
  let url: string;
  let counter: ReturnType<typeof countingDriver>;
  const id = (key: string) => `${app.prefix}${key}`;

  beforeAll(async () => {
    // The response cache stays on: it waits for the checks (preflight), so a refused request must not even read the
    // data version through the counted driver.
    app = await createTestApp(undefined, {
      wrapDriver: (driver) => {
        counter = countingDriver(driver);
        return counter.driver;
      },
    });
    url = await app.listen();
    // Chain C is targeted by consortium K (members E1 and U1) and chain D by L (member E2); E3 is in none.
    await app.write(
      `CREATE (c:IndustryChain {id: $p + 'c', name: '测试链C（示例）', leading: false, verified: false, synthetic: true})
       CREATE (d:IndustryChain {id: $p + 'd', name: '测试链D（示例）', leading: false, verified: false, synthetic: true})
       CREATE (k:Consortium {id: $p + 'k', name: '联合体K（示例）', level: 'PROVINCIAL', synthetic: true})-[:TARGETS]->(c)
       CREATE (l:Consortium {id: $p + 'l', name: '联合体L（示例）', level: 'MUNICIPAL', synthetic: true})-[:TARGETS]->(d)
       CREATE (e1:Enterprise {id: $p + 'e1', name: 'E1（示例）', aboveScale: true, backbone: false, synthetic: true})-[:MEMBER_OF]->(k)
       CREATE (e2:Enterprise {id: $p + 'e2', name: 'E2（示例）', aboveScale: true, backbone: false, synthetic: true})-[:MEMBER_OF]->(l)
       CREATE (:Enterprise {id: $p + 'e3', name: 'E3（示例）', aboveScale: false, backbone: false, synthetic: true})
       CREATE (:University {id: $p + 'u1', name: 'U1（示例）', local: true, synthetic: true})-[:MEMBER_OF]->(k)`,
    );
  });
  afterAll(async () => {
    await app.close();
  });

  // As Apollo Client 4 asks: a refusal has its status (400), as README's table of bounds says (under application/json
  // it would be 200, the code in the body).
  async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const started = Date.now();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'], ms: Date.now() - started };
  }

  /** The answer to `query` and the Cypher statements the server ran for it. */
  async function counted(query: string, variables: Record<string, unknown> = {}) {
    const before = counter.statements();
    const answer = await post(query, variables);
    return { answer, statements: counter.statements() - before };
  }

  it('refuses the four-level filter with 400 QUERY_TOO_COMPLEX naming its path, before any Cypher runs', async () => {
    const { answer, statements } = await counted(FOUR_LEVELS);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      path: THIRD_HOP,
      filterDepth: 4,
      maxFilterDepth: 2,
    });
    expect(answer.body.errors?.[0]?.message).toContain(`The relationship filter at ${THIRD_HOP} is nested 3`);
    expect(statements).toBe(0);
    // Refused at once, where the seed city's data made it run to the 10 s deadline.
    expect(answer.ms).toBeLessThan(2_000);
  });

  it('counts a filter given through variables the same way, and a connection filter like a relationship filter', async () => {
    const where = {
      holders: {
        some: { qualifications: { some: { holders: { some: { qualifications: { some: { id: { eq: 'x' } } } } } } } },
      },
    };
    const viaVariable = await counted('query ($w: QualificationWhere) { qualifications(where: $w) { id } }', {
      w: where,
    });
    expect([viaVariable.answer.status, viaVariable.statements]).toEqual([400, 0]);
    expect(viaVariable.answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      path: THIRD_HOP,
    });

    // Only the inner level as a variable: the outer levels are in the document.
    const inner = { holders: { some: { id: { eq: 'x' } } } };
    const split = await counted(
      'query ($q: QualificationWhere) { enterprises(where: { qualifications: { some: { holders: { some: { qualifications: { some: $q } } } } } }) { id } }',
      { q: inner },
    );
    expect([split.answer.status, split.statements]).toEqual([400, 0]);
    expect(split.answer.body.errors?.[0]?.extensions.path).toBe(
      'enterprises.where.qualifications.some.holders.some.qualifications.some',
    );

    const connection = await counted(
      '{ enterprises(where: { qualificationsConnection: { some: { node: { holdersConnection: { all: { node: { qualifications: { none: { id: { eq: "x" } } } } } } } } } }) { id } }',
    );
    expect([connection.answer.status, connection.statements]).toEqual([400, 0]);
    expect(connection.answer.body.errors?.[0]?.extensions.path).toBe(
      'enterprises.where.qualificationsConnection.some.node.holdersConnection.all.node.qualifications.none',
    );
  });

  it('refuses by cost a two-level filter repeated for each of many parents, naming the filtered field', async () => {
    const { answer, statements } = await counted(
      '{ enterprises(limit: 100) { id suppliers(where: { consortia: { some: { chains: { some: { id: { eq: "c" } } } } } }) { id } } }',
    );
    expect([answer.status, statements]).toEqual([400, 0]);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      path: 'enterprises.suppliers',
      maxCost: 250_000,
    });
  });

  it('answers one- and two-level filters (enterprises in a consortium of a chain), inline and as variables', async () => {
    const mine = { id: { startsWith: app.prefix } };
    const ids = (answer: Answer, field = 'enterprises') =>
      ((answer.body.data?.[field] ?? []) as { id: string }[]).map((e) => e.id).sort();

    const oneLevel = await counted(
      `{ enterprises(where: { id: { startsWith: "${app.prefix}" }, consortia: { some: { id: { eq: "${id('k')}" } } } }) { id } }`,
    );
    expect(oneLevel.answer.body.errors).toBeUndefined();
    expect(ids(oneLevel.answer)).toEqual([id('e1')]);
    expect(oneLevel.statements).toBeGreaterThan(0); // the counter sees the server's statements

    const inChain = (chain: string) => ({ consortia: { some: { chains: { some: { id: { eq: id(chain) } } } } } });
    const query = 'query ($w: EnterpriseWhere) { enterprises(where: $w, sort: [{ id: ASC }]) { id name } }';
    const twoLevels = await post(query, { w: { AND: [mine, inChain('c')] } });
    expect(twoLevels.body.errors).toBeUndefined();
    expect(twoLevels.body.data?.enterprises).toEqual([{ id: id('e1'), name: 'E1（示例）' }]);

    const none = await post(query, { w: { ...mine, NOT: inChain('c') } });
    expect(ids(none)).toEqual([id('e2'), id('e3')]);
    const either = await post(query, { w: { ...mine, OR: [inChain('c'), inChain('d')] } });
    expect(ids(either)).toEqual([id('e1'), id('e2')]);

    // The connection form, two levels: members of consortia that target C, from the chain's side.
    const fromChain = await post(
      `{ industryChains(where: { id: { eq: "${id('c')}" }, consortiaConnection: { some: { node: { members: { some: { id: { eq: "${id('u1')}" } } } } } } }) { id } }`,
    );
    expect(fromChain.body.errors).toBeUndefined();
    expect(ids(fromChain, 'industryChains')).toEqual([id('c')]);

    // Nested in a list: the chains' consortia, filtered by a one-level filter on their members.
    const nested = await post(
      `{ industryChains(where: { id: { in: ["${id('c')}", "${id('d')}"] } }, sort: [{ id: ASC }]) { id
         consortia(where: { members: { some: { id: { eq: "${id('e2')}" } } } }) { id } } }`,
    );
    expect(nested.body.errors).toBeUndefined();
    expect(nested.body.data?.industryChains).toEqual([
      { id: id('c'), consortia: [] },
      { id: id('d'), consortia: [{ id: id('l') }] },
    ]);
  });
});
