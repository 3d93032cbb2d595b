import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import {
  getArgumentValues,
  getVariableValues,
  type GraphQLSchema,
  isInputObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { loadConfig } from '../../src/config';
import { buildSchema } from '../../src/graphql';
import { filterExpansion, formatInputPath, isRelationshipFilter } from '../../src/graphql/filterCost';
import { type ListLimit, operationLimits } from '../../src/graphql/operationLimits';

let schema: GraphQLSchema;
let listLimits: Map<string, ListLimit>;
beforeAll(async () => {
  ({ schema, listLimits } = await buildSchema());
}, 60_000);

/** The relationship filters of the first root field of `query`, as the operation limits measure them. */
function measureRoot(query: string, variables: Record<string, unknown> = {}, hopCost = 50, maxDepth = 2) {
  const document = valid(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const node = operation.selectionSet.selections[0];
  if (node?.kind !== Kind.FIELD) throw new Error('a field first');
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const field = root?.getFields()[node.name.value];
  if (!field) throw new Error(`no field ${node.name.value}`);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  const found = filterExpansion(field.args, getArgumentValues(field, node, coerced.coerced), hopCost, maxDepth);
  return { ...found, over: found.over && formatInputPath(found.over) };
}

/** The parsed document, checked against the schema (a misspelt filter field would otherwise be ignored). */
function valid(query: string) {
  const document = parse(query);
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  return document;
}

const FOUR_LEVELS =
  '{ qualifications(where: { holders: { some: { qualifications: { some: { holders: { some: { qualifications: { some: { id: { eq: "x" } } } } } } } } } }) { id } }';

describe('relationship filters: which input types they are', () => {
  it('recognises every generated …RelationshipFilters and …ConnectionFilters input, and nothing else', () => {
    const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
    const recognised = inputs.filter(isRelationshipFilter).map((t) => t.name);
    const named = inputs.map((t) => t.name).filter((n) => /(Relationship|Connection)Filters$/.test(n));
    expect(recognised.sort()).toEqual(named.sort());
    // Every relationship of schema/ is filterable both ways (87 relationship fields at this writing).
    expect(recognised.filter((n) => n.endsWith('ConnectionFilters')).length).toBeGreaterThan(80);
  });
});

describe('relationship filters: hops, depth and cost of parsed documents', () => {
  it('counts nothing for property filters, however wide', () => {
    const found = measureRoot(
      '{ enterprises(where: { name: { contains: "煤" }, OR: [{ aboveScale: { eq: true } }, { NOT: { id: { in: ["a", "b"] } } }] }, limit: 5) { id } }',
    );
    expect(found).toEqual({ cost: 0, depth: 0 });
  });

  it('counts one hop as hopCost and a hop in a hop as hopCost × (1 + hopCost)', () => {
    expect(measureRoot('{ enterprises(where: { consortia: { some: { name: { eq: "k" } } } }) { id } }')).toEqual({
      cost: 50,
      depth: 1,
    });
    const two = measureRoot(
      '{ enterprises(where: { consortia: { some: { chains: { some: { id: { eq: "c" } } } } } }) { id } }',
    );
    expect(two).toEqual({ cost: 50 * 51, depth: 2 });
  });

  it('finds the four-level filter and names the first hop over the limit', () => {
    const found = measureRoot(FOUR_LEVELS);
    expect(found.depth).toBe(4);
    expect(found.over).toBe('where.holders.some.qualifications.some.holders.some');
    expect(found.cost).toBe(50 * (1 + 50 * (1 + 50 * (1 + 50))));
    expect(measureRoot(FOUR_LEVELS, {}, 50, 4).over).toBeUndefined();
  });

  it('counts all, none, single and a connection filter’s aggregate as hops, and walks node, edge and unions', () => {
    const found = measureRoot(`{ enterprises(where: {
      qualificationsConnection: { all: { edge: { grantedYear: { gt: 2020 } }, node: { holders: { none: { id: { eq: "x" } } } } } }
      policiesReceivedConnection: { aggregate: { count: { nodes: { gt: 2 } } } }
      achievements: { single: { year: { eq: 2024 } } }
    }) { id } }`);
    expect(found).toEqual({ cost: 50 * 51 + 50 + 50, depth: 2 });
    const union = measureRoot(`{ achievements(where: {
      achievedByConnection: { some: { Enterprise: { node: { consortia: { some: { chains: { some: { id: { eq: "c" } } } } } } } } }
    }) { id } }`);
    expect(union.depth).toBe(3);
    expect(union.over).toBe('where.achievedByConnection.some.Enterprise.node.consortia.some.chains.some');
  });

  it('adds up AND, OR and NOT branches and names list items by index', () => {
    const found = measureRoot(`{ enterprises(where: { OR: [
      { consortia: { some: { name: { eq: "k" } } } },
      { NOT: { segments: { some: { chains: { some: { leaders: { some: { id: { eq: "x" } } } } } } } } }
    ] }) { id } }`);
    expect(found.depth).toBe(3);
    expect(found.over).toBe('where.OR[1].NOT.segments.some.chains.some.leaders.some');
    expect(found.cost).toBe(50 + 50 * (1 + 50 * (1 + 50)));
  });

  it('measures a filter given as a variable, and one inside a mutation’s input', () => {
    const where = { holders: { some: { qualifications: { some: { holders: { some: { id: { eq: 'x' } } } } } } } };
    const found = measureRoot('query ($w: QualificationWhere) { qualifications(where: $w) { id } }', { w: where });
    expect([found.depth, found.over]).toEqual([3, 'where.holders.some.qualifications.some.holders.some']);
    const mutation = measureRoot(
      `mutation { updateConsortia(where: { id: { eq: "k" } }, update: { members: [{ connect: [{ where: { node: {
         consortia: { some: { chains: { some: { segments: { some: { id: { eq: "s" } } } } } } } } } }] }] }) { info { relationshipsCreated } } }`,
    );
    expect(mutation.depth).toBe(3);
    expect(mutation.over).toBe('update.members[0].connect[0].where.node.consortia.some.chains.some.segments.some');
  });

  it('stops at input nested over a hundred objects deep (a NOT in a NOT …), without walking it all', () => {
    let w: Record<string, unknown> = { id: { eq: 'x' } };
    for (let i = 0; i < 5000; i++) w = { NOT: w };
    const document = 'query ($w: EnterpriseWhere) { enterprises(where: $w) { id } }';
    const operation = parse(document).definitions[0] as OperationDefinitionNode;
    const field = schema.getQueryType()?.getFields().enterprises;
    if (!field || operation.selectionSet.selections[0]?.kind !== Kind.FIELD) throw new Error('no field');
    const found = filterExpansion(field.args, { where: w }, 50, 2);
    expect(found.tooNested?.slice(0, 3)).toEqual(['where', 'NOT', 'NOT']);
  });
});

describe('the operation limits refuse by relationship filters (the plugin, without a database)', () => {
  const limits = loadConfig({}).limits;
  /** The verdict of the limits plugin on `query`: the error it throws, or null when it lets the operation run. */
  async function verdict(query: string, variables: Record<string, unknown> = {}) {
    const { plugins } = operationLimits<BaseContext>(limits, listLimits);
    const plugin = plugins.at(-1) as ApolloServerPlugin<BaseContext>;
    const document = valid(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const listener = (await plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<BaseContext>;
    try {
      await listener.didResolveOperation?.({
        schema,
        document,
        operation,
        request: { query, variables },
        queryHash: query,
      } as never);
      return null;
    } catch (error) {
      return error as { message: string; extensions: Record<string, unknown> };
    }
  }

  it('has defaults of 2 levels and 50 a hop', () => {
    expect([limits.maxFilterDepth, limits.filterHopCost]).toEqual([2, 50]);
    expect(loadConfig({ MAX_FILTER_DEPTH: '3', FILTER_HOP_COST: '10' }).limits).toMatchObject({
      maxFilterDepth: 3,
      filterHopCost: 10,
    });
  });

  it('refuses the four-level filter with QUERY_TOO_COMPLEX naming the path from the root field', async () => {
    const error = await verdict(FOUR_LEVELS);
    expect(error?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      path: 'qualifications.where.holders.some.qualifications.some.holders.some',
      filterDepth: 4,
      maxFilterDepth: 2,
    });
    expect(error?.message).toMatch(/over the limit of 2/);
  });

  it('names a nested field’s filter by its fields, in a fragment too', async () => {
    const nested = await verdict(`{ enterprises(limit: 1) { suppliers(where: { qualifications: { some: {
      holders: { some: { qualifications: { some: { id: { eq: "q" } } } } } } } }) { id } } }`);
    expect(nested?.extensions.path).toBe(
      'enterprises.suppliers.where.qualifications.some.holders.some.qualifications.some',
    );
    const fragment = await verdict(`query { enterprises(limit: 1) { ...F } }
      fragment F on Enterprise { customers(where: { consortia: { some: { chains: { some: { segments: { some: { id: { eq: "s" } } } } } } } }) { id } }`);
    expect(fragment?.extensions.path).toBe('...F.customers.where.consortia.some.chains.some.segments.some');
  });

  it('refuses a filter given through a variable as it would the same filter written inline', async () => {
    const where = { enterprises: { some: { qualifications: { some: { holders: { some: { id: { eq: 'x' } } } } } } } };
    const error = await verdict('query ($w: ChainSegmentWhere) { chainSegments(where: $w) { id } }', { w: where });
    expect(error?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      path: 'chainSegments.where.enterprises.some.qualifications.some.holders.some',
    });
  });

  it('counts filters into the cost, times the lists the filtered field is nested in', async () => {
    const twoLevels = '{ consortia: { some: { chains: { some: { id: { eq: "c" } } } } } }';
    // 2,550 for the filter, for each of 100 enterprises: 260,201 with the selection, over 250,000.
    const error = await verdict(`{ enterprises(limit: 100) { id suppliers(where: ${twoLevels}) { id } } }`);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', path: 'enterprises.suppliers' });
    expect(error?.message).toMatch(/expand about \d+ relationships for its relationship filters/);
    expect(error?.extensions.cost).toBe(1 + 100 * (1 + (1 + 50 * 51 + 50 * 1)));
    // A default page (50) of them is 130,101.
    expect(await verdict(`{ enterprises { id suppliers(where: ${twoLevels}) { id } } }`)).toBeNull();
    // Side by side, filters add up: a hundred two-level filters are over the budget.
    const wide = Array.from({ length: 100 }, () => twoLevels).join(', ');
    expect((await verdict(`{ enterprises(where: { OR: [${wide}] }) { id } }`))?.extensions.code).toBe(
      'QUERY_TOO_COMPLEX',
    );
  });

  it('checks only what runs: paging and filters of a field that @skip or @include leave out are not refused', async () => {
    const deep = `qualifications(where: { holders: { some: { qualifications: { some: { holders: { some: {
      id: { eq: "x" } } } } } } } })`;
    const query = `query ($run: Boolean!) { regions(limit: 1) { id } ${deep} @include(if: $run) { id } }`;
    expect(await verdict(query, { run: false })).toBeNull();
    expect((await verdict(query, { run: true }))?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    const paging =
      'query ($skip: Boolean!) { regions(limit: 1) { id } enterprises(limit: -1) @skip(if: $skip) { id } }';
    expect(await verdict(paging, { skip: true })).toBeNull();
    expect((await verdict(paging, { skip: false }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'limit',
    });
    const spread = `{ regions(limit: 1) { id } ...F @skip(if: true) } fragment F on Query { enterprises(limit: -1) { id } }`;
    expect(await verdict(spread)).toBeNull();
  });

  it('lets one- and two-level filters through', async () => {
    for (const query of [
      '{ enterprises(where: { consortia: { some: { chains: { some: { id: { eq: "c" } } } } } }) { id name } }',
      '{ platformsConnection(where: { policiesReceived: { some: { id: { eq: "policy-rewards" } } } }) { aggregate { count { nodes } } } }',
      '{ enterprises(where: { AND: [{ name: { eq: "x" } }, { reports: { some: { rdStaff: { gt: 10 } } } }] }) { id } }',
      '{ industryChains(where: { segmentsConnection: { some: { node: { enterprises: { all: { aboveScale: { eq: true } } } } } } }) { id } }',
    ]) {
      expect([query, await verdict(query)]).toEqual([query, null]);
    }
  });
});
