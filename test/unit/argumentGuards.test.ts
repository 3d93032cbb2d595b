import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import neo4j from 'neo4j-driver';
import { buildSchema } from '../../src/graphql';
import {
  argumentGuards,
  checkStaticArguments,
  GAP_PAGING,
  guardedCalls,
  guardedFieldsOf,
  type GuardedField,
  referencesOf,
} from '../../src/graphql/argumentGuards';
import { RULE_DEFAULTS } from '../../src/domain';

let schema: GraphQLSchema;
let guardedFields: ReadonlyMap<string, GuardedField>;

beforeAll(async () => {
  ({ schema, guardedFields } = await buildSchema());
});

function parsed(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return { document, operation };
}

function calls(query: string, variables: Record<string, unknown> = {}) {
  const { document, operation } = parsed(query);
  return guardedCalls(schema, document, operation, variables, guardedFields);
}

function defaultOf(field: string, argument: string): unknown {
  const fields = schema.getQueryType()?.getFields() ?? {};
  return fields[field]?.args.find((a) => a.name === argument)?.defaultValue;
}

describe('argument guards of the gap fields (no database)', () => {
  it('find the gap fields by rule: every @cypher root field, and those with a @reportYear argument', () => {
    // Known by construction from schema/gaps.graphql: R1–R4 and R6 compare a report of the year.
    const lists = {
      enterprisesWithoutRdInstitution: true,
      enterprisesWithoutLandmarkAchievement: true,
      enterprisesWithoutConsortium: true,
      enterprisesNotTechLeader: true,
      backboneEnterprisesWithoutPlatform: false,
      chainsWithoutLabPartner: false,
      chainsWithoutUniversityPartner: false,
      chainSegmentsWithoutEnterprise: false,
      enterprisesMissingFourHaves: true,
      expiringQualifications: false,
    };
    // Each list's total (src/graphql/gapTotals.ts) keeps the list's @reportYear marks, so it is guarded alike.
    const totals = Object.fromEntries(Object.entries(lists).map(([name, marked]) => [`${name}Total`, marked]));
    expect(Object.fromEntries([...guardedFields].map(([name, { reportYear }]) => [name, reportYear]))).toEqual({
      ...lists,
      fourHavesCoverage: true,
      ...totals,
    });
  });

  it('cover a new field by its declaration alone', () => {
    const sdl = `
      directive @reportYear on ARGUMENT_DEFINITION
      type Query { a(year: Int): Int }
      extend type Query {
        newGap(year: Int @reportYear, regionCode: String): Int
        newList(limit: Int): [Int] @cypher(statement: "RETURN 1 AS x", columnName: "x")
        plain(year: Int): Int
      }`;
    expect([...guardedFieldsOf([sdl])]).toEqual([
      ['newGap', { reportYear: true }],
      ['newList', { reportYear: false }],
    ]);
  });

  it("declare the letter's thresholds and the paging defaults that the metrics use", () => {
    const threshold = (field: string): string => String(defaultOf(field, 'minRevenue'));
    expect(threshold('enterprisesWithoutRdInstitution')).toBe(RULE_DEFAULTS.R1.minRevenue.toString());
    expect(threshold('enterprisesWithoutLandmarkAchievement')).toBe(RULE_DEFAULTS.R2.minRevenue.toString());
    expect(defaultOf('enterprisesWithoutLandmarkAchievement', 'withinYears')).toBe(RULE_DEFAULTS.R2.withinYears);
    expect(threshold('enterprisesWithoutConsortium')).toBe(RULE_DEFAULTS.R3.minRevenue.toString());
    expect(threshold('enterprisesNotTechLeader')).toBe(RULE_DEFAULTS.R4.minRevenue.toString());
    expect(defaultOf('backboneEnterprisesWithoutPlatform', 'leadingChainsOnly')).toBe(
      RULE_DEFAULTS.R5.leadingChainsOnly,
    );
    for (const field of [...guardedFields.keys()].filter((f) => f !== 'fourHavesCoverage')) {
      // A total counts every page: it takes no paging arguments.
      const paged = !field.endsWith('Total');
      expect([field, defaultOf(field, 'limit'), defaultOf(field, 'offset')]).toEqual(
        paged ? [field, GAP_PAGING.defaultLimit, 0] : [field, undefined, undefined],
      );
    }
  });

  it('find guarded fields with defaults applied and variables substituted, through fragments, minus skipped ones', () => {
    const found = calls(
      `query ($y: Int, $skip: Boolean!) {
         metric(name: TECH_SMES, year: 2024) { value }
         a: enterprisesWithoutConsortium(year: $y) { id }
         ...f
         chainsWithoutLabPartner(limit: 3) @skip(if: $skip) { id }
       }
       fragment f on Query { ... on Query { enterprisesNotTechLeader(minRevenue: "7", limit: 9) { id } } }`,
      { y: 2023, skip: true },
    );
    expect(found.map((c) => c.field)).toEqual(['enterprisesWithoutConsortium', 'enterprisesNotTechLeader']);
    expect(found[0]?.args).toMatchObject({ year: 2023, limit: 50, offset: 0 });
    expect(String(found[0]?.args.minRevenue)).toBe('1000000000');
    expect(found[1]?.args).toMatchObject({ limit: 9 });
    expect(String(found[1]?.args.minRevenue)).toBe('7');
  });

  it('leave variables that do not coerce to execution, which reports them itself', () => {
    expect(calls('query ($l: Int!) { chainsWithoutLabPartner(limit: $l) { id } }', { l: 'x' })).toEqual([]);
  });

  it.each([
    [{ limit: 501 }, 'limit', 'limit: must be between 1 and 500; got 501'],
    [{ limit: 0 }, 'limit', 'limit: must be between 1 and 500; got 0'],
    [{ offset: -1 }, 'offset', 'offset: must be 0 or more; got -1'],
    [{ minRevenue: neo4j.int(-1) }, 'minRevenue', 'minRevenue: must be 0 or more yuan; got -1'],
    [{ withinYears: 0 }, 'withinYears', 'withinYears: must be between 1 and 100; got 0'],
    [{ year: 1800 }, 'year', 'year: a year must be between 1949 and 2100; got 1800'],
  ])('reject %j naming %s and the accepted range', (args, argument, message) => {
    const error = checkStaticArguments({ field: 'enterprisesWithoutConsortium', args });
    expect(error?.message).toBe(`${message} (in enterprisesWithoutConsortium)`);
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument,
      field: 'enterprisesWithoutConsortium',
    });
  });

  it('accept the edges of each range', () => {
    const args = { limit: 500, offset: 0, minRevenue: neo4j.int(0), withinYears: 1, year: 2024 };
    expect(checkStaticArguments({ field: 'enterprisesWithoutLandmarkAchievement', args })).toBeNull();
    expect(checkStaticArguments({ field: 'chainsWithoutLabPartner', args: { limit: 1 } })).toBeNull();
  });

  it('look up each region, chain and report year once; years only for the report-based fields', () => {
    expect(
      referencesOf([
        { field: 'enterprisesWithoutConsortium', args: { regionCode: '410400', year: 2024 }, reportYear: true },
        {
          field: 'fourHavesCoverage',
          args: { regionCode: '410400', chainId: 'chain-a', year: 2024 },
          reportYear: true,
        },
        { field: 'expiringQualifications', args: { chainId: 'chain-b', year: 2030 }, reportYear: false },
      ]),
    ).toEqual({ regionCodes: ['410400'], chainIds: ['chain-a', 'chain-b'], years: [2024] });
  });
});

describe('argument guards and the response cache (no database)', () => {
  /**
   * Runs the guard plugin's didResolveOperation on a query, with a request context whose database refuses any use:
   * resolves when the guard did not touch the database, rejects with "database touched" when it did.
   */
  async function guard(query: string, answersFromCache: boolean): Promise<void> {
    const plugin = argumentGuards(guardedFields, { answersFromCache: async () => answersFromCache });
    const { document, operation } = parsed(query);
    const refusing = {
      session: () => {
        throw new Error('database touched');
      },
    };
    const contextValue = {
      executionContext: refusing,
      sessionConfig: { database: 'neo4j' },
      transaction: { timeout: 1000 },
    };
    const listener = await plugin.requestDidStart!({} as never);
    await listener!.didResolveOperation!({ schema, document, operation, request: {}, contextValue } as never);
  }
  const NAMED = '{ enterprisesWithoutConsortium(year: 2024, regionCode: "410400") { id } }';

  it('look the named region and year up in the database when the cache does not answer', async () => {
    await expect(guard(NAMED, false)).rejects.toThrow('database touched');
  });

  it('skip that lookup for a request the cache answers (kept answers passed it on the same data)', async () => {
    await expect(guard(NAMED, true)).resolves.toBeUndefined();
  });

  it('still check the arguments that need no database first, whatever the cache says', async () => {
    await expect(guard('{ enterprisesWithoutConsortium(minRevenue: -1) { id } }', true)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
