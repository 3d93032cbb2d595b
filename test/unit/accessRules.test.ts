import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { accessRulesOf, principalOf, type AccessRules } from '../../src/auth';
import { refusalsOf } from '../../src/graphql/accessControl';
import type { Role } from '../../src/domain';
import { buildSchema, loadTypeDefs } from '../../src/graphql';

describe('accessRulesOf: the role table read from schema/', () => {
  const rules = accessRulesOf(loadTypeDefs());

  it('needs planner for every gap list, partner suggestions and the change history, admin for the audit trail', () => {
    const planner = [...rules.queryFields].filter(([, role]) => role === 'planner').map(([field]) => field);
    const gapLists = [
      'backboneEnterprisesWithoutPlatform',
      'chainSegmentsWithoutEnterprise',
      'chainsWithoutLabPartner',
      'chainsWithoutUniversityPartner',
      'enterprisesMissingFourHaves',
      'enterprisesNotTechLeader',
      'enterprisesWithoutConsortium',
      'enterprisesWithoutLandmarkAchievement',
      'enterprisesWithoutRdInstitution',
      'expiringQualifications',
    ];
    expect(planner.sort()).toEqual(
      [
        ...gapLists,
        // Each list's total (src/graphql/gapTotals.ts) takes the list's @authentication with it.
        ...gapLists.map((list) => `${list}Total`),
        'deputyCandidatesFor',
        'deputySuggestions',
        'history',
        'partnerSuggestions',
      ].sort(),
    );
    expect(rules.queryFields.get('auditEvents')).toBe('admin');
    // Directory, maps, metrics, review and coverage stay with the read role.
    for (const field of ['enterprises', 'neighborhood', 'chainMap', 'metric', 'targetReview', 'fourHavesCoverage']) {
      expect([field, rules.queryFields.get(field) ?? rules.readRole]).toEqual([field, 'viewer']);
    }
  });

  it('needs editor to write, and planner for the confidential figures and the suggestions on an enterprise', () => {
    expect(rules.writeRole).toBe('editor');
    expect(Object.fromEntries(rules.confidentialFields)).toEqual({
      revenue: 'planner',
      rdExpenditure: 'planner',
      rdStaff: 'planner',
      // Enterprise.partnerSuggestions / deputySuggestions (@customResolver, so CUSTOM_FIELD_ROLES).
      partnerSuggestions: 'planner',
      deputySuggestions: 'planner',
    });
  });

  it('fails loudly on a rule it cannot read, instead of leaving a field unguarded on some paths', () => {
    const base = 'extend schema @authentication(jwt: { roles: { includes: "editor" } })';
    expect(() =>
      accessRulesOf([base, 'type Query { x: Int @authentication(jwt: { OR: [{ roles: { includes: "admin" } }] }) }']),
    ).toThrow(/Query.x: @authentication must be written as/);
    expect(() =>
      accessRulesOf([base, 'type T { secret: Int @authorization(validate: [{ where: { jwt: { sub: "x" } } }]) }']),
    ).toThrow(/T.secret: @authorization/);
    expect(() => accessRulesOf(['type Query { x: Int }'])).toThrow(/which role may write/);
    // A field of our own resolvers whose role nobody wrote down.
    expect(() => accessRulesOf([base, 'type T { hint: Int @customResolver }'])).toThrow(
      /T.hint: a @customResolver field needs its role in CUSTOM_FIELD_ROLES/,
    );
  });
});

describe('refusalsOf: what a role may not ask for (the real schema, no database)', () => {
  let schema: GraphQLSchema;
  let rules: AccessRules;
  beforeAll(async () => {
    ({ schema, accessRules: rules } = await buildSchema());
  });

  function refused(roles: Role[], query: string, variables: Record<string, unknown> = {}): string[] {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
    return refusalsOf(rules, schema, document, operation, variables, principalOf('t', roles, 'token')).map(
      (r) => `${r.what}:${r.needs}`,
    );
  }

  it('finds a confidential field selected anywhere: nested, in fragments, interfaces, aggregates, connections', () => {
    expect(refused(['viewer'], '{ enterprises { id revenue } }')).toEqual(['Enterprise.revenue:planner']);
    expect(refused(['viewer'], '{ enterprises { reports { year rdStaff rdExpenditure } } }')).toEqual([
      'AnnualReport.rdStaff:planner',
      'AnnualReport.rdExpenditure:planner',
    ]);
    expect(refused(['viewer'], '{ enterprises { ...F } } fragment F on Enterprise { revenue }')).toEqual([
      'Enterprise.revenue:planner',
    ]);
    expect(refused(['viewer'], '{ enterprisesConnection { aggregate { node { revenue { max sum } } } } }')).toEqual([
      'EnterpriseAggregateNode.revenue:planner',
    ]);
    expect(refused(['viewer'], '{ enterprisesConnection { edges { node { revenue } } } }')).toEqual([
      'Enterprise.revenue:planner',
    ]);
  });

  it('finds a confidential field in filters and sorts, inline and in variables', () => {
    expect(refused(['viewer'], '{ enterprises(where: { revenue: { gt: 1 } }) { id } }')).toEqual([
      'EnterpriseWhere.revenue:planner',
    ]);
    expect(refused(['viewer'], '{ enterprises(sort: [{ revenue: DESC }]) { id } }')).toEqual([
      'EnterpriseSort.revenue:planner',
    ]);
    expect(
      refused(['viewer'], 'query ($w: EnterpriseWhere) { enterprises(where: $w) { id } }', {
        w: { AND: [{ name: { eq: 'x' } }, { reports: { some: { rdStaff: { gt: 10 } } } }] },
      }),
    ).toEqual(['AnnualReportWhere.rdStaff:planner']);
    expect(
      refused(['viewer'], 'query ($w: EnterpriseWhere) { enterprises(where: $w) { id name } }', { w: {} }),
    ).toEqual([]);
  });

  it('lets a planner read and filter on them, and refuses writes below editor', () => {
    expect(refused(['planner'], '{ enterprises(where: { revenue: { gt: 1 } }) { revenue } }')).toEqual([]);
    expect(refused(['planner'], 'mutation { deleteRegions { nodesDeleted } }')).toEqual(['deleteRegions:editor']);
    expect(refused(['editor'], 'mutation { deleteRegions { nodesDeleted } }')).toEqual([]);
  });

  it('refuses only what runs: @skip and @include on fields, spreads and inline fragments, literal or variable', () => {
    const revenue = ['Enterprise.revenue:planner'];
    expect(refused(['viewer'], '{ enterprises { id revenue @include(if: false) } }')).toEqual([]);
    expect(refused(['viewer'], '{ enterprises { id revenue @include(if: true) } }')).toEqual(revenue);
    expect(refused(['viewer'], '{ enterprises { id revenue @skip(if: true) } }')).toEqual([]);
    // @skip wins over @include, as in execution.
    expect(refused(['viewer'], '{ enterprises { id revenue @skip(if: true) @include(if: true) } }')).toEqual([]);
    const variable = 'query ($p: Boolean!) { enterprises { id revenue @include(if: $p) } }';
    expect(refused(['viewer'], variable, { p: false })).toEqual([]);
    expect(refused(['viewer'], variable, { p: true })).toEqual(revenue);
    // A variable's default applies when it is not given.
    const defaulted = 'query ($p: Boolean = false) { enterprises { id revenue @include(if: $p) } }';
    expect(refused(['viewer'], defaulted)).toEqual([]);
    expect(refused(['viewer'], defaulted, { p: true })).toEqual(revenue);
    // A fragment spread or an inline fragment, and everything under it.
    const spread = '{ enterprises { id ...F @skip(if: $s) } } fragment F on Enterprise { revenue }';
    expect(refused(['viewer'], `query ($s: Boolean!) ${spread}`, { s: true })).toEqual([]);
    expect(refused(['viewer'], `query ($s: Boolean!) ${spread}`, { s: false })).toEqual(revenue);
    expect(refused(['viewer'], '{ enterprises { id ... @include(if: false) { revenue } } }')).toEqual([]);
    expect(refused(['viewer'], '{ enterprises @skip(if: true) { revenue reports { rdStaff } } }')).toEqual([]);
    // A fragment skipped in one place and spread in another runs.
    expect(
      refused(
        ['viewer'],
        '{ a: enterprises { ...F @skip(if: true) } b: enterprises { ...F } } fragment F on Enterprise { revenue }',
      ),
    ).toEqual(revenue);
    // Root fields too: a skipped gap list, introspection or mutation is not refused.
    expect(refused(['viewer'], '{ regions { id } chainsWithoutLabPartner @skip(if: true) { id } }')).toEqual([]);
    expect(refused([], '{ __schema @include(if: false) { queryType { name } } __typename }')).toEqual([]);
    expect(refused(['viewer'], 'mutation { deleteRegions @skip(if: true) { nodesDeleted } }')).toEqual([]);
    // Another operation of the document does not run (the first one is the one run here).
    expect(refused(['viewer'], 'query A { regions { id } } query B { enterprises { revenue } }')).toEqual([]);
  });

  it('refuses a filter or sort on a confidential field only where its field runs, inline or through a variable', () => {
    const inline =
      'query ($p: Boolean!) { regions { id } enterprises(where: { revenue: { gt: 1 } }) @include(if: $p) { id } }';
    expect(refused(['viewer'], inline, { p: false })).toEqual([]);
    expect(refused(['viewer'], inline, { p: true })).toEqual(['EnterpriseWhere.revenue:planner']);
    const sorted = 'query ($p: Boolean!) { enterprises(sort: [{ revenue: DESC }]) @skip(if: $p) { id } }';
    expect(refused(['viewer'], sorted, { p: true })).toEqual([]);
    expect(refused(['viewer'], sorted, { p: false })).toEqual(['EnterpriseSort.revenue:planner']);
    const variable = 'query ($p: Boolean!, $w: EnterpriseWhere) { enterprises(where: $w) @include(if: $p) { id } }';
    const w = { reports: { some: { rdStaff: { gt: 10 } } } };
    expect(refused(['viewer'], variable, { p: false, w })).toEqual([]);
    expect(refused(['viewer'], variable, { p: true, w })).toEqual(['AnnualReportWhere.rdStaff:planner']);
    // A variable's default counts when it is not given, wherever the variable is used in what runs.
    const defaulted = 'query ($w: EnterpriseWhere = { revenue: { gt: 1 } }) { enterprises(where: $w) { id } }';
    expect(refused(['viewer'], defaulted)).toEqual(['EnterpriseWhere.revenue:planner']);
    expect(refused(['viewer'], defaulted, { w: { name: { eq: 'x' } } })).toEqual([]);
    // Variables that do not coerce: nothing runs, and every selection counts (the safe side).
    expect(
      refused(['viewer'], 'query ($p: Boolean!) { enterprises { revenue @include(if: $p) } }', { p: 'x' }),
    ).toEqual(['Enterprise.revenue:planner']);
  });

  it('checks every root field against its role; introspection needs a known role, __typename none', () => {
    expect(refused(['viewer'], '{ metric(name: TECH_DEPUTIES, year: 2024) { value } }')).toEqual([]);
    expect(refused(['viewer'], '{ chainsWithoutLabPartner { id } auditEvents { id } }')).toEqual([
      'chainsWithoutLabPartner:planner',
      'auditEvents:admin',
    ]);
    expect(refused(['planner'], '{ ... on Query { auditEvents { id } } }')).toEqual(['auditEvents:admin']);
    expect(refused([], '{ regions { id } }')).toEqual(['regions:viewer']);
    expect(refused([], '{ __typename }')).toEqual([]);
    // A token whose roles are all unknown grants nothing, introspection included (aliased or in a fragment too).
    expect(refused([], '{ __schema { queryType { name } } __typename }')).toEqual(['__schema:viewer']);
    expect(refused([], '{ t: __type(name: "Enterprise") { name } }')).toEqual(['__type:viewer']);
    expect(refused([], '{ ...F } fragment F on Query { __schema { types { name } } }')).toEqual(['__schema:viewer']);
    expect(refused(['viewer'], '{ __schema { queryType { name } } __type(name: "Query") { name } }')).toEqual([]);
  });
});
