import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { accessRulesOf, principalOf, type AccessRules } from '../../src/auth';
import { refusalsOf } from '../../src/graphql/accessControl';
import type { Role } from '../../src/domain';
import { buildSchema, loadTypeDefs } from '../../src/graphql';

describe('accessRulesOf: the role table read from schema/', () => {
  const rules = accessRulesOf(loadTypeDefs());

  it('needs planner for every gap list, partner suggestions and the change history, admin for the audit trail', () => {
    const planner = [...rules.queryFields].filter(([, role]) => role === 'planner').map(([field]) => field);
    expect(planner.sort()).toEqual(
      [
        'backboneEnterprisesWithoutPlatform',
        'chainSegmentsWithoutEnterprise',
        'chainsWithoutLabPartner',
        'chainsWithoutUniversityPartner',
        'deputyCandidatesFor',
        'deputySuggestions',
        'enterprisesMissingFourHaves',
        'enterprisesNotTechLeader',
        'enterprisesWithoutConsortium',
        'enterprisesWithoutLandmarkAchievement',
        'enterprisesWithoutRdInstitution',
        'expiringQualifications',
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
