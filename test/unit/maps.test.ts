import { readdirSync } from 'node:fs';
import { GraphQLObjectType, GraphQLScalarType } from 'graphql';
import { LABELS } from '../../seed/graphBuilder';
import { buildSchema } from '../../src/graphql';
import { graphVocabulary, vocabularyOf } from '../../src/domain/vocabulary';
import { fromRoot } from '../../src/paths';
import { loadCypher } from '../../src/db';
import { CHAIN_MAP_TYPES, MAP_BOUNDS, RELATIONSHIP_PRIORITY } from '../../src/queries/maps';
import { displayLabel, edgeId, toGraphEdge, toGraphNode } from '../../src/queries/subgraph';
import neo4j from 'neo4j-driver';

/** The relationship types of DESIGN.md's table, the contract the maps' filters accept. */
const DESIGN_RELATIONSHIP_TYPES = [
  'PART_OF',
  'IN_CLUSTER',
  'OF_CHAIN',
  'FEEDS',
  'LOCATED_IN',
  'OPERATES_IN',
  'LEADS_CHAIN',
  'HAS_REPORT',
  'HOLDS',
  'SUPPLIES',
  'HOSTS',
  'SERVES',
  'PARTNERS_WITH',
  'MERGED_INTO',
  'EMPLOYED_BY',
  'SECONDED_TO',
  'UNDERTAKES',
  'FUNDED_BY',
  'ADDRESSES',
  'PRODUCED',
  'LEADS',
  'MEMBER_OF',
  'TARGETS',
  'ACHIEVED',
  'POSTED',
  'TOOK',
  'COOPERATES_WITH',
  'RECEIVED',
  'COMPETED_IN',
  'FOR_REGION',
  'FOR_CHAIN',
];

describe('graphVocabulary', () => {
  it("lists the schema's @node types, the same labels the seed writes", () => {
    expect([...graphVocabulary().labels].sort()).toEqual([...LABELS].sort());
  });

  it("lists every relationship type of DESIGN.md's table, each once", () => {
    const { relationshipTypes } = graphVocabulary();
    expect([...relationshipTypes].sort()).toEqual([...DESIGN_RELATIONSHIP_TYPES].sort());
  });

  it('reads @node types and @relationship types only, ignoring interfaces and @declareRelationship', () => {
    const vocabulary = vocabularyOf([
      `interface Org { near: [A!]! @declareRelationship }
       type A @node { id: ID! next: [A!]! @relationship(type: "NEXT", direction: OUT) }
       type Plain { id: ID! }`,
      `type B @node { id: ID! a: [A!]! @relationship(type: "NEXT", direction: IN) }`,
    ]);
    expect(vocabulary).toEqual({ labels: ['A', 'B'], relationshipTypes: ['NEXT'], moneyProperties: {} });
  });

  it("finds the amounts of money (BigInt fields) of each label and of each relationship type's properties", () => {
    const vocabulary = vocabularyOf([
      `type Firm @node { id: ID! revenue: BigInt staff: Int funds: [Fund!]! @relationship(type: "FUNDED_BY", direction: OUT, properties: "FundedBy") }
       type Fund @node { id: ID! size: BigInt! }
       type FundedBy @relationshipProperties { awarded: BigInt year: Int }
       type Report { total: BigInt }`,
    ]);
    expect(vocabulary.moneyProperties).toEqual({ Firm: ['revenue'], Fund: ['size'], FUNDED_BY: ['awarded'] });
    expect(graphVocabulary().moneyProperties.Enterprise).toEqual(['revenue']);
  });
});

describe('cypher/maps', () => {
  it('parts/nodeById.cypher, which findNodes and neighborhood include, looks an id up under every label of the schema', () => {
    const match = /MATCH \(n:([\w|]+)\)/.exec(loadCypher('maps', 'parts', 'nodeById.cypher'));
    expect(loadCypher('maps', 'findNodes.cypher')).toContain(match?.[0]);
    expect(loadCypher('maps', 'neighborhood.cypher')).toContain(match?.[0]);
    expect(match?.[1]?.split('|').sort()).toEqual([...graphVocabulary().labels].sort());
  });

  it.each(readdirSync(fromRoot('cypher', 'maps')).filter((f) => f.endsWith('.cypher')))(
    'cypher/maps/%s opens with a header naming its parameters and columns',
    (file) => {
      const header = loadCypher('maps', file)
        .split('\n')
        .filter((line) => line.startsWith('//'));
      expect(header.some((line) => line.startsWith('// Parameters: '))).toBe(true);
      expect(header.some((line) => line.startsWith('// Columns: '))).toBe(true);
    },
  );

  it.each(readdirSync(fromRoot('cypher', 'maps', 'parts')))(
    'cypher/maps/parts/%s says what it expects in scope and what it binds',
    (file) => {
      const header = loadCypher('maps', 'parts', file)
        .split('\n')
        .filter((line) => line.startsWith('//'));
      expect(header.some((line) => line.includes('Expects: '))).toBe(true);
      expect(header.some((line) => line.includes('Binds: '))).toBe(true);
    },
  );

  it('neighborhood.cypher has one hop for every depth a client may ask for', () => {
    const hops = loadCypher('maps', 'neighborhood.cypher')
      .split('\n')
      .filter((l) => l === 'WITH hop + 1 AS hop, included, inner, frontier');
    expect(hops).toHaveLength(MAP_BOUNDS.depth.max);
  });

  it('ranks every relationship type of the schema in the neighbourhood priority, each once', () => {
    expect([...RELATIONSHIP_PRIORITY].sort()).toEqual([...graphVocabulary().relationshipTypes].sort());
  });

  it('draws only known relationship types on a chain map', () => {
    expect(CHAIN_MAP_TYPES.filter((t) => !graphVocabulary().relationshipTypes.includes(t))).toEqual([]);
  });
});

describe('Subgraph elements', () => {
  it('labels a node by name, else title, else key fields, else id', () => {
    expect(displayLabel('Enterprise', { name: '平煤神马' }, 'ent-1')).toBe('平煤神马');
    expect(displayLabel('Achievement', { title: '尼龙66' }, 'ach-1')).toBe('尼龙66');
    expect(displayLabel('AnnualReport', { year: 2024 }, 'rep-1')).toBe('2024 annual report');
    expect(displayLabel('Target', { metric: 'TECH_SMES', year: 2025 }, 'tgt-1')).toBe('TECH_SMES 2025');
    expect(displayLabel('Target', {}, 'tgt-2')).toBe('tgt-2');
  });

  it('makes node properties JSON-safe and takes the known label as the type', () => {
    const node = toGraphNode(
      ['Extra', 'Enterprise'],
      { id: 'ent-1', name: 'A', revenue: neo4j.int('9007199254740993'), year: neo4j.int(2024) },
      ['Enterprise'],
    );
    expect(node).toEqual({
      id: 'ent-1',
      type: 'Enterprise',
      label: 'A',
      properties: { id: 'ent-1', name: 'A', revenue: '9007199254740993', year: 2024 },
    });
  });

  it('gives an edge the id type:source->target', () => {
    expect(edgeId('SUPPLIES', 'ent-1', 'ent-2')).toBe('SUPPLIES:ent-1->ent-2');
    expect(toGraphEdge('HOSTS', 'a', 'b', { role: 'LEAD' })).toEqual({
      id: 'HOSTS:a->b',
      type: 'HOSTS',
      source: 'a',
      target: 'b',
      properties: { role: 'LEAD' },
    });
  });
});

describe('schema/maps.graphql', () => {
  it('builds, keeping the JSONObject scalar and the three map fields', async () => {
    const { schema } = await buildSchema();
    expect(schema.getType('JSONObject')).toBeInstanceOf(GraphQLScalarType);
    const subgraph = schema.getType('Subgraph');
    expect(subgraph).toBeInstanceOf(GraphQLObjectType);
    expect(Object.keys((subgraph as GraphQLObjectType).getFields())).toEqual([
      'nodes',
      'edges',
      'truncated',
      'omitted',
    ]);
    const query = schema.getQueryType()?.getFields() ?? {};
    expect(query.neighborhood?.args.map((a) => [a.name, a.defaultValue])).toEqual([
      ['id', undefined],
      ['depth', 1],
      ['relationshipTypes', undefined],
      ['labels', undefined],
      ['limit', 200],
    ]);
    expect(query.shortestPath?.args.map((a) => a.name)).toEqual([
      'fromId',
      'toId',
      'maxHops',
      'relationshipTypes',
      'all',
    ]);
    expect(query.chainMap?.args.map((a) => a.name)).toEqual(['chainId']);
  });
});
