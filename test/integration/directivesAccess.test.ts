import { mintToken } from '../../src/auth';
import type { Role } from '../../src/domain';
import { runAutoCommit } from '../../src/db';
import { createTestApp, DATABASE, type TestApp, tokenAuth } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

const SECRET_TEXT = 'a-directives-test-secret-of-32+bytes!';
const AUTH = tokenAuth(SECRET_TEXT);

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

/**
 * @skip and @include in the access check, end to end: a field that will not run is not refused (nor a filter or a
 * sort of it), by the check before execution (src/graphql/accessControl.ts) nor by @neo4j/graphql's own rules inside
 * the statement (its resolve info has no skipped field); one that runs is refused as always, with the lowest role
 * that would allow the request in `extensions.needs`.
 */
describe('@skip and @include: only what runs is refused (real Neo4j, bearer tokens)', () => {
  let app: TestApp;
  const tokens = new Map<Role, string>();
  const id = (key: string) => `${app.prefix}${key}`;
  // Three firms of this file, with revenue and reports; every query below is scoped to them.
  const FIRMS = ['a', 'b', 'c'];
  let scope: { where: { id: { startsWith: string } } };

  async function post(role: Role, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // GraphQL over HTTP's own media type: a refusal keeps its 403 status there.
        accept: 'application/graphql-response+json',
        'cache-control': 'no-cache',
        authorization: `Bearer ${tokens.get(role)}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  /** The data of an answer that must have no error. */
  async function data(role: Role, query: string, variables: Record<string, unknown> = {}) {
    const answer = await post(role, query, variables);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    return answer.body.data as Record<string, unknown>;
  }

  /** Asserts a FORBIDDEN refusal naming `what`, needing the planner role, and that nothing was answered. */
  async function refused(role: Role, query: string, variables: Record<string, unknown>, what: string[]) {
    const answer = await post(role, query, variables);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      needs: 'planner',
      refused: what.map((w) => ({ what: w, needs: 'planner' })),
    });
    expect(answer.status).toBe(403);
  }

  beforeAll(async () => {
    app = await createTestApp(undefined, { auth: AUTH });
    await app.listen();
    for (const role of ['viewer', 'planner', 'editor'] as const) {
      tokens.set(role, await mintToken(AUTH, { sub: `${app.prefix}${role}`, roles: [role], ttl: '10m' }));
    }
    scope = { where: { id: { startsWith: app.prefix } } };
    await app.write(
      `CREATE (r:Region {id: $p + 'region', code: $code, name: '指令区（示例）', level: 'DISTRICT', synthetic: true})
       WITH r
       UNWIND range(0, size($firms) - 1) AS i
       CREATE (e:Enterprise {id: $p + $firms[i], name: '指令企业' + $firms[i] + '（示例）', aboveScale: true,
                             backbone: false, revenue: 1000000 * (i + 1), synthetic: true})-[:LOCATED_IN]->(r)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + $firms[i] + '-2024', year: 2024, revenue: 1000000 * (i + 1),
               rdExpenditure: 1000 * (i + 1), rdStaff: i + 1, aboveScale: true, hasRdInstitution: false,
               hasRdStaff: true, hasRdSpending: true, hasIurCooperation: false, synthetic: true})`,
      { code: nextRegionCode(), firms: FIRMS },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const ENTERPRISES = 'enterprises(where: $where, sort: [{ id: ASC }])';

  it('runs a confidential field left out by @include(if: false) for a viewer, with the ids a planner gets', async () => {
    const planner = await data('planner', `query ($where: EnterpriseWhere) { ${ENTERPRISES} { id } }`, scope);
    expect(planner.enterprises).toEqual(FIRMS.map((f) => ({ id: id(f) })));
    const viewer = await data(
      'viewer',
      `query ($where: EnterpriseWhere) { ${ENTERPRISES} { id revenue @include(if: false) } }`,
      scope,
    );
    expect(viewer).toEqual(planner);
    // The brief's own form, unscoped: one firm, its id only.
    const one = await data('viewer', '{ enterprises(limit: 1) { id revenue @include(if: false) } }');
    expect(one.enterprises).toEqual([{ id: expect.any(String) }]);
  });

  it('refuses it with @include(if: true), as without a directive', async () => {
    await refused(
      'viewer',
      `query ($where: EnterpriseWhere) { ${ENTERPRISES} { id revenue @include(if: true) } }`,
      scope,
      ['Enterprise.revenue'],
    );
    await refused('viewer', '{ enterprises(limit: 1) { id revenue @include(if: true) } }', {}, ['Enterprise.revenue']);
  });

  it('reads the condition from a variable: allowed with false, refused with true, its default when not given', async () => {
    const query = `query ($where: EnterpriseWhere, $p: Boolean!) { ${ENTERPRISES} { id revenue @include(if: $p) } }`;
    const viewer = await data('viewer', query, { ...scope, p: false });
    expect(viewer.enterprises).toEqual(FIRMS.map((f) => ({ id: id(f) })));
    await refused('viewer', query, { ...scope, p: true }, ['Enterprise.revenue']);
    const planner = await data('planner', query, { ...scope, p: true });
    expect(planner.enterprises).toEqual(FIRMS.map((f, i) => ({ id: id(f), revenue: String(1000000 * (i + 1)) })));
    const defaulted = `query ($where: EnterpriseWhere, $p: Boolean = false) { ${ENTERPRISES} { id revenue @include(if: $p) } }`;
    expect((await data('viewer', defaulted, scope)).enterprises).toEqual(FIRMS.map((f) => ({ id: id(f) })));
    await refused('viewer', defaulted, { ...scope, p: true }, ['Enterprise.revenue']);
  });

  it('skips a fragment spread or an inline fragment with everything in it', async () => {
    const spread = `query ($where: EnterpriseWhere, $s: Boolean!) { ${ENTERPRISES} { id ...Money @skip(if: $s) } }
      fragment Money on Enterprise { revenue reports { year rdStaff rdExpenditure } }`;
    const skipped = await data('viewer', spread, { ...scope, s: true });
    expect(skipped.enterprises).toEqual(FIRMS.map((f) => ({ id: id(f) })));
    await refused('viewer', spread, { ...scope, s: false }, [
      'Enterprise.revenue',
      'AnnualReport.rdStaff',
      'AnnualReport.rdExpenditure',
    ]);
    const literal = `query ($where: EnterpriseWhere) { ${ENTERPRISES} { id ...Money @skip(if: true) } }
      fragment Money on Enterprise { revenue }`;
    expect((await data('viewer', literal, scope)).enterprises).toEqual(FIRMS.map((f) => ({ id: id(f) })));
    const inline = `query ($where: EnterpriseWhere) { ${ENTERPRISES} { id ... @include(if: false) { revenue } } }`;
    expect((await data('viewer', inline, scope)).enterprises).toEqual(FIRMS.map((f) => ({ id: id(f) })));
  });

  it('does not refuse a filter or a sort on a confidential field inside a field that does not run', async () => {
    const filtered = `query ($where: EnterpriseWhere, $p: Boolean!) {
      all: ${ENTERPRISES} { id }
      big: enterprises(where: { revenue: { gt: 1500000 } }, sort: [{ revenue: DESC }]) @include(if: $p) { id }
    }`;
    const viewer = await data('viewer', filtered, { ...scope, p: false });
    expect(viewer).toEqual({ all: FIRMS.map((f) => ({ id: id(f) })) });
    await refused('viewer', filtered, { ...scope, p: true }, ['EnterpriseWhere.revenue', 'EnterpriseSort.revenue']);
    // Nested, and through a variable that only the skipped field uses.
    const nested = `query ($where: EnterpriseWhere, $p: Boolean!, $reports: AnnualReportWhere) {
      ${ENTERPRISES} { id reports(where: $reports) @include(if: $p) { year } }
    }`;
    const reports = { rdStaff: { gt: 1 } };
    const skipped = await data('viewer', nested, { ...scope, p: false, reports });
    expect(skipped.enterprises).toEqual(FIRMS.map((f) => ({ id: id(f) })));
    await refused('viewer', nested, { ...scope, p: true, reports }, ['AnnualReportWhere.rdStaff']);
    const planner = await data('planner', nested, { ...scope, p: true, reports });
    expect(planner.enterprises).toEqual(
      FIRMS.map((f, i) => ({ id: id(f), reports: i + 1 > 1 ? [{ year: 2024 }] : [] })),
    );
  });

  it('does not refuse a root field that does not run: a gap list, a mutation (which then writes nothing)', async () => {
    const gap = `query ($where: EnterpriseWhere) { ${ENTERPRISES} { id } chainsWithoutLabPartner @skip(if: true) { id } }`;
    expect(await data('viewer', gap, scope)).toEqual({ enterprises: FIRMS.map((f) => ({ id: id(f) })) });
    const answer = await post('viewer', '{ chainsWithoutLabPartner @skip(if: false) { id } }');
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      needs: 'planner',
      refused: [{ what: 'chainsWithoutLabPartner', needs: 'planner' }],
    });
    const remove = `mutation ($id: ID!, $run: Boolean!) {
      deleteEnterprises(where: { id: { eq: $id } }) @include(if: $run) { nodesDeleted }
    }`;
    expect(await data('viewer', remove, { id: id('a'), run: false })).toEqual({});
    const stillThere = await runAutoCommit(
      app.driver,
      DATABASE,
      'MATCH (e:Enterprise {id: $id}) RETURN count(e) AS n',
      {
        id: id('a'),
      },
    );
    expect(Number(stillThere.records[0]?.get('n'))).toBe(1);
    const writing = await post('viewer', remove, { id: id('a'), run: true });
    expect(writing.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', needs: 'editor' });
  });

  it('names in extensions.needs the lowest role that allows the whole request: the highest one refused', async () => {
    const answer = await post(
      'viewer',
      `query ($where: EnterpriseWhere) { ${ENTERPRISES} { id revenue } auditEvents(limit: 1) { id } }`,
      scope,
    );
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      needs: 'admin',
      refused: [
        { what: 'auditEvents', needs: 'admin' },
        { what: 'Enterprise.revenue', needs: 'planner' },
      ],
    });
    expect(answer.status).toBe(403);
  });
});
