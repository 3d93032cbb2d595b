// The Cypher tier (no database): the Cypher @neo4j/graphql generates for representative operations of our schema,
// pinned by jest snapshots, so that a change to the schema, to a directive or to the library's version that changes
// the statements the server sends shows in review as a change of test/cypher/__snapshots__/generated.test.ts.snap.
// Update deliberately: `npx jest --selectProjects cypher -u` (docs/design.md, "Layout").
//
// How: as @neo4j/graphql's own TCK does (packages/graphql/tests/tck/utils/tck-test-utils.ts, translateQuery), the
// operation is executed with graphql() over the schema buildSchema() builds (no driver needed), with a context whose
// executionContext is a stand-in driver that records every statement and its parameters and answers each with an
// empty result. That stand-in is acceptable HERE only: this tier pins generated text and never asserts anything about
// what the database does (the integration tier runs every operation against a real Neo4j; no other test uses it).
// An empty result makes non-null fields fail to resolve: those errors are expected and ignored, any other fails.
//
// What is pinned is what @neo4j/graphql hands the driver. Our wrappers around the driver do not change that text:
// - withAutoCommitReads (src/db/driver.ts) sends the same statement and parameters as an auto-commit read instead
//   of in a managed read transaction (checked below);
// - withBookmarks and withSessionLimits (src/db) only add bookmarks to a session and wait for a session permit;
// - auditMutations (src/audit), which buildSchema installs on every Mutation root field, runs the generated statement
//   unchanged but adds statements of our own to its write transaction (the aggregates upkeep, the AuditEvent, the
//   data version): a mutation's snapshot lists the whole transaction, naming those by their cypher/ file (whose text
//   test/cypher/files.test.ts pins).
import { graphql, type GraphQLSchema } from 'graphql';
import { type Driver, type QueryResult, Record as Neo4jRecord, type SessionConfig } from 'neo4j-driver';
import { jwtOf, principalOf } from '../../src/auth';
import { loadCypher, withAutoCommitReads } from '../../src/db';
import type { Role } from '../../src/domain';
import { buildSchema } from '../../src/graphql';
import { cypherFiles, isMigration } from './cypherFiles';

/** What @neo4j/graphql asks first, once per process, to learn the server's version (its DBMS_COMPONENTS_QUERY). */
const COMPONENTS_QUERY = /^(?:CYPHER 5\n)?CALL dbms\.components\(\)/;
/** The Neo4j the server runs on (docs/design.md, "Stack"). */
const NEO4J_VERSION = ['5.26.0', 'community'];

interface Recorded {
  /** How the statement was sent: in a managed transaction (`READ`/`WRITE`) or as an auto-commit statement. */
  access: 'READ' | 'WRITE' | 'AUTO';
  cypher: string;
  params: Record<string, unknown>;
  /** The transaction metadata it was sent with (SHOW TRANSACTIONS, the change-history trigger). */
  metadata: Record<string, unknown> | undefined;
}

const NO_UPDATES = {
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
};

/** An empty result, with the summary counters the audited driver reads (src/audit/record.ts countsOf). */
function emptyResult(records: Neo4jRecord[] = []): QueryResult {
  return { records, summary: { counters: { updates: () => ({ ...NO_UPDATES }) } } } as unknown as QueryResult;
}

/**
 * A stand-in driver that records the statements run on its sessions and answers each with an empty result (the
 * version query with {@link NEO4J_VERSION}). Only the members @neo4j/graphql's Executor and our wrappers call.
 */
function recordingDriver(): { driver: Driver; recorded: Recorded[] } {
  const recorded: Recorded[] = [];
  type TxConfig = { metadata?: Record<string, unknown> } | undefined;
  const run =
    (access: Recorded['access'], config: TxConfig) =>
    async (cypher: string, params: Record<string, unknown> = {}): Promise<QueryResult> => {
      if (COMPONENTS_QUERY.test(cypher)) return emptyResult([new Neo4jRecord(['version', 'edition'], NEO4J_VERSION)]);
      recorded.push({ access, cypher, params, metadata: config?.metadata });
      return emptyResult();
    };
  const session = (_config?: SessionConfig) => ({
    executeRead: <T>(work: (tx: unknown) => Promise<T>, config?: TxConfig) => work({ run: run('READ', config) }),
    executeWrite: <T>(work: (tx: unknown) => Promise<T>, config?: TxConfig) => work({ run: run('WRITE', config) }),
    run: (cypher: string, params?: Record<string, unknown>, config?: TxConfig) => run('AUTO', config)(cypher, params),
    lastBookmarks: () => [],
    close: async () => undefined,
  });
  return { driver: { session } as unknown as Driver, recorded };
}

/** The expanded text of every statement under cypher/ (migrations aside), to name our own statements by file. */
function ourStatements(): Map<string, string> {
  return new Map(cypherFiles().flatMap((f) => (isMigration(f) ? [] : [[loadCypher(...f.parts), f.name] as const])));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Replaces what differs between runs (random ids: an AuditEvent's, a data-version epoch; timestamps) in strings. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UUID, '<uuid>').replace(TIMESTAMP, '<timestamp>');
  if (Array.isArray(value)) return value.map(normalise);
  // Plain objects only: a driver value (Integer, Date, ...) is kept as it is, printed with its type, which the
  // statement depends on as much as on its value.
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** Errors an empty result causes (as in @neo4j/graphql's TCK): a non-null field or a connection with no row. */
const EXPECTED_ERRORS = [/Cannot return null for non-nullable field/, /Cannot read propert(y|ies) .*of undefined/];

let schema: GraphQLSchema;
let byText: Map<string, string>;

beforeAll(async () => {
  ({ schema } = await buildSchema());
  byText = ourStatements();
});

/** Runs `source` as a principal with `roles` on a recording driver (wrapped by `wrap`): the statements sent. */
async function translate(
  source: string,
  variableValues: Record<string, unknown>,
  roles: Role[],
  wrap: (driver: Driver) => Driver = (driver) => driver,
): Promise<Recorded[]> {
  const { driver, recorded } = recordingDriver();
  const principal = principalOf('cypher-snapshot', roles, 'token');
  const result = await graphql({
    schema,
    source,
    variableValues,
    // The keys src/server.ts's context gives @neo4j/graphql and the audit (src/context.ts RequestContext).
    contextValue: {
      executionContext: wrap(driver),
      sessionConfig: { database: 'neo4j' },
      transaction: { timeout: 10_000 },
      requestId: 'req-cypher-snapshot',
      clientRequestId: null,
      principal,
      jwt: jwtOf(principal),
    },
  });
  const unexpected = (result.errors ?? []).filter((e) => !EXPECTED_ERRORS.some((re) => re.test(e.message)));
  if (unexpected.length > 0) throw new Error(unexpected.map((e) => e.message).join('\n'));
  if (recorded.length === 0) throw new Error('no statement was sent');
  return recorded;
}

/** The snapshot of the statements: generated ones in full, ours by file; what varies between runs normalised. */
function pinned(recorded: Recorded[]): unknown[] {
  return recorded.map(({ access, cypher, params, metadata }) => {
    const file = byText.get(cypher);
    return normalise({
      access,
      ...(file === undefined ? { cypher } : { ours: file }),
      params,
      metadata,
    });
  });
}

interface Case {
  name: string;
  roles: Role[];
  source: string;
  variables?: Record<string, unknown>;
}

const LIST_WITH_FILTER_AND_SORT = /* GraphQL */ `
  query ($name: String!, $limit: Int!) {
    enterprises(
      where: { name: { contains: $name }, aboveScale: { eq: true }, NOT: { backbone: { eq: true } } }
      sort: [{ name: ASC }, { id: DESC }]
      limit: $limit
      offset: 10
    ) {
      id
      name
      creditCode
      industryCode
    }
  }
`;

const CASES: Case[] = [
  {
    name: 'a list of enterprises with a filter, a sort and a page',
    roles: ['viewer'],
    source: LIST_WITH_FILTER_AND_SORT,
    variables: { name: '尼龙', limit: 20 },
  },
  {
    name: 'a nested relationship selection (region, segments and their chains, reports of a year)',
    roles: ['viewer'],
    source: /* GraphQL */ `
      query ($id: ID!) {
        enterprises(where: { id: { eq: $id } }) {
          id
          name
          locatedIn {
            code
            name
            partOf {
              code
            }
          }
          segments(sort: [{ name: ASC }]) {
            name
            position
            chains {
              id
              name
            }
          }
          reports(where: { year: { eq: 2024 } }) {
            year
            aboveScale
          }
        }
      }
    `,
    variables: { id: 'ent-1' },
  },
  {
    name: 'a connection with cursor pagination and totalCount',
    roles: ['viewer'],
    source: /* GraphQL */ `
      query ($first: Int!, $after: String) {
        enterprisesConnection(first: $first, after: $after, where: { backbone: { eq: true } }, sort: [{ name: ASC }]) {
          totalCount
          edges {
            cursor
            node {
              id
              name
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `,
    variables: { first: 25, after: 'YXJyYXljb25uZWN0aW9uOjI0' },
  },
  {
    name: 'an aggregate (count and a confidential sum, as a planner)',
    roles: ['planner'],
    source: /* GraphQL */ `
      query {
        enterprisesConnection(where: { aboveScale: { eq: true } }) {
          aggregate {
            count {
              nodes
            }
            node {
              revenue {
                sum
                max
              }
              name {
                longest
              }
            }
          }
        }
      }
    `,
  },
  {
    name: 'an @authorization-guarded field (Enterprise.revenue) selected by a viewer',
    roles: ['viewer'],
    source: /* GraphQL */ `
      query {
        enterprises(limit: 5) {
          id
          revenue
          reports {
            year
            revenue
            rdExpenditure
          }
        }
      }
    `,
  },
  {
    name: 'the same @authorization-guarded field selected by a planner',
    roles: ['planner'],
    source: /* GraphQL */ `
      query {
        enterprises(limit: 5) {
          id
          revenue
        }
      }
    `,
  },
  {
    name: 'a @cypher root field (enterprisesWithoutRdInstitution, cypher/gaps/) with a nested selection',
    roles: ['planner'],
    source: /* GraphQL */ `
      query ($year: Int, $chainId: ID) {
        enterprisesWithoutRdInstitution(year: $year, chainId: $chainId, limit: 20, offset: 40) {
          id
          name
          revenue
          locatedIn {
            code
          }
        }
      }
    `,
    variables: { year: 2024, chainId: 'chain-nylon' },
  },
  {
    name: "a gap list's total (enterprisesWithoutRdInstitutionTotal, derived by src/graphql/gapTotals.ts)",
    roles: ['planner'],
    source: /* GraphQL */ `
      query ($year: Int, $chainId: ID) {
        enterprisesWithoutRdInstitutionTotal(year: $year, chainId: $chainId)
      }
    `,
    variables: { year: 2024, chainId: 'chain-nylon' },
  },
  {
    name: 'a @cypher field on a type (Enterprise.missingFourHaves) under a @cypher root field',
    roles: ['planner'],
    source: /* GraphQL */ `
      query {
        enterprisesMissingFourHaves(year: 2024, regionCode: "410402") {
          id
          missingFourHaves(year: 2024)
        }
      }
    `,
  },
  {
    name: 'a create mutation with a nested connect (audited: the whole write transaction)',
    roles: ['editor'],
    source: /* GraphQL */ `
      mutation ($input: [EnterpriseCreateInput!]!) {
        createEnterprises(input: $input) {
          enterprises {
            id
            name
            locatedIn {
              code
            }
          }
        }
      }
    `,
    variables: {
      input: [
        {
          id: 'ent-new',
          name: '平顶山新材料有限公司',
          aboveScale: false,
          backbone: false,
          synthetic: true,
          foundedOn: '2020-05-01',
          locatedIn: { connect: [{ where: { node: { code: { eq: '410402' } } } }] },
        },
      ],
    },
  },
  {
    name: 'an update mutation by id (audited: the whole write transaction)',
    roles: ['editor'],
    source: /* GraphQL */ `
      mutation {
        updateEnterprises(where: { id: { eq: "ent-1" } }, update: { backbone: { set: true } }) {
          enterprises {
            id
            backbone
          }
        }
      }
    `,
  },
];

describe('Cypher generated by @neo4j/graphql for our schema', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expect(pinned(await translate(c.source, c.variables ?? {}, c.roles))).toMatchSnapshot();
  });

  it('is sent unchanged through withAutoCommitReads (an auto-commit read instead of a read transaction)', async () => {
    const variables = { name: '尼龙', limit: 20 };
    const direct = await translate(LIST_WITH_FILTER_AND_SORT, variables, ['viewer']);
    const wrapped = await translate(LIST_WITH_FILTER_AND_SORT, variables, ['viewer'], withAutoCommitReads);
    expect(direct.map((r) => r.access)).toEqual(['READ']);
    expect(wrapped.map((r) => r.access)).toEqual(['AUTO']);
    expect(wrapped.map(({ cypher, params, metadata }) => ({ cypher, params, metadata }))).toEqual(
      direct.map(({ cypher, params, metadata }) => ({ cypher, params, metadata })),
    );
  });
});
