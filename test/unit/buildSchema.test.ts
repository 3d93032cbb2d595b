import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLUnionType,
} from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, loadTypeDefs } from '../../src/graphql';
import { LABELS } from '../../src/domain/labels';
import { graphVocabulary } from '../../src/domain/vocabulary';

/** Names of the node types of DESIGN.md's domain model: the contract scripts and the front end rely on. */
const NODE_TYPES = [
  'Region',
  'IndustryCluster',
  'IndustryChain',
  'ChainSegment',
  'Enterprise',
  'AnnualReport',
  'Qualification',
  'University',
  'ResearchInstitute',
  'Platform',
  'Person',
  'Project',
  'Fund',
  'Consortium',
  'Achievement',
  'Challenge',
  'Policy',
  'Contest',
  'Target',
];

let schema: GraphQLSchema;

beforeAll(async () => {
  ({ schema } = await buildSchema());
});

function objectType(name: string): GraphQLObjectType {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLObjectType)) throw new Error(`${name} is not an object type`);
  return type;
}

describe('buildSchema (no database)', () => {
  it.each(NODE_TYPES)('has the node type %s with id, source and synthetic', (name) => {
    const fields = objectType(name).getFields();
    expect(String(fields.id?.type)).toBe('ID!');
    expect(String(fields.source?.type)).toBe('String');
    expect(String(fields.synthetic?.type)).toBe('Boolean!');
  });

  it("uses DESIGN.md's field names and our scalars on Enterprise", () => {
    const fields = objectType('Enterprise').getFields();
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['creditCode', 'name', 'industryCode', 'foundedOn', 'aboveScale', 'backbone', 'revenue']),
    );
    expect(String(fields.creditCode?.type)).toBe('CreditCode');
    expect(String(fields.industryCode?.type)).toBe('IndustryCode');
    expect(String(fields.revenue?.type)).toBe('BigInt');
    expect(String(fields.foundedOn?.type)).toBe('Date');
  });

  it('offers range filters on money (BigInt) and years (Int), beyond 32 bits for money', () => {
    const where = schema.getType('EnterpriseWhere') as GraphQLInputObjectType;
    expect(String(where.getFields().revenue?.type)).toBe('BigIntScalarFilters');
    const moneyFilters = schema.getType('BigIntScalarFilters') as GraphQLInputObjectType;
    expect(Object.keys(moneyFilters.getFields())).toEqual(
      expect.arrayContaining(['eq', 'in', 'gt', 'gte', 'lt', 'lte']),
    );
    const reportWhere = schema.getType('AnnualReportWhere') as GraphQLInputObjectType;
    expect(String(reportWhere.getFields().year?.type)).toBe('IntScalarFilters');
  });

  it('types every relationship of the domain, with properties where DESIGN.md lists them', () => {
    expect(String(objectType('Platform').getFields().hostedBy?.type)).toBe('[Organization!]!');
    expect(String(objectType('Person').getFields().employers?.type)).toBe('[AcademicOrganization!]!');
    expect(String(objectType('Achievement').getFields().achievedBy?.type)).toBe('[OrganizationOrPlatform!]!');
    expect(String(objectType('ChainSegment').getFields().enterprises?.type)).toBe('[Enterprise!]!');
    expect(String(objectType('Enterprise').getFields().segments?.type)).toBe('[ChainSegment!]!');
    expect(Object.keys(objectType('HoldsProperties').getFields())).toEqual(['grantedYear', 'validUntilYear']);
    expect(Object.keys(objectType('ReceivedProperties').getFields())).toEqual(['amount', 'year', 'kind']);
  });

  it('has the Organization interface, implemented by the three kinds of organisation, and the unions', () => {
    const organization = schema.getType('Organization') as GraphQLInterfaceType;
    expect(
      schema
        .getPossibleTypes(organization)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['Enterprise', 'ResearchInstitute', 'University']);
    const either = schema.getType('OrganizationOrPlatform') as GraphQLUnionType;
    expect(
      either
        .getTypes()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['Enterprise', 'Platform', 'ResearchInstitute', 'University']);
  });

  it("lists MetricName's contract values", () => {
    const values = (schema.getType('MetricName') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values).toEqual(
      expect.arrayContaining([
        'INDUSTRIAL_ENTERPRISES',
        'FOUR_HAVES_COVERAGE',
        'NATIONAL_PROVINCIAL_PROJECT_FUNDING',
        'R1_COMPLIANCE',
        'R5_COMPLIANCE',
      ]),
    );
  });

  it('wires our implementation to every scalar declared in schema/*.graphql', () => {
    // A declared scalar without an implementation would silently accept anything: catch that here.
    const declared = [
      ...loadTypeDefs()
        .join('\n')
        .matchAll(/^scalar (\w+)/gm),
    ].map((m) => m[1] ?? '');
    expect(declared).toEqual(expect.arrayContaining(['CreditCode', 'RegionCode', 'IndustryCode']));
    // JSON (a changed property's value in the change history, output only) takes any value by design: it is checked
    // to be graphql-scalars' implementation, which keeps a value as it is, instead of the default one.
    const anyValue = new Set(['JSON']);
    for (const name of declared) {
      const scalar = schema.getType(name);
      expect(scalar).toBeInstanceOf(GraphQLScalarType);
      if (anyValue.has(name)) {
        expect((scalar as GraphQLScalarType).parseValue({ revenue: [1, '2'] })).toEqual({ revenue: [1, '2'] });
        expect((scalar as GraphQLScalarType).description).toMatch(/JSON/);
        continue;
      }
      expect(() => (scalar as GraphQLScalarType).parseValue('\u0000not valid')).toThrow(new RegExp(`^${name} `));
    }
  });
});

describe('the static label list', () => {
  it('names exactly the @node types of the SDL, so argument checks and the seed agree with the schema', () => {
    expect([...LABELS].sort()).toEqual([...graphVocabulary().labels].sort());
  });
});
