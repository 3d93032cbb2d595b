import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { graphVocabulary } from '../domain';
import { loadCypher, toNumber } from '../db';
import type { QueryRunner } from './metrics';
import { emptySubgraph, type GraphEdge, type GraphNode, type Subgraph, toGraphEdge, toGraphNode } from './subgraph';

/** Bounds of the map arguments; the resolvers check them before any statement runs. */
export const MAP_BOUNDS = {
  depth: { min: 1, max: 3 },
  limit: { min: 1, max: 1000 },
  /** cypher/maps/shortestPaths.cypher searches up to this many hops (a literal there: it cannot be a parameter). */
  maxHops: { min: 1, max: 8 },
} as const;

/** At most this many paths with `all: true`. */
export const MAX_SHORTEST_PATHS = 25;

/** A chain map shows at most this many enterprises (leaders included) … */
export const CHAIN_MAP_ENTERPRISES = 100;
/** … and at most this many segments, platforms, academic partners and consortia each. */
export const CHAIN_MAP_PARTNERS = 50;

/**
 * Which relationship type wins a tie in a neighbourhood's turns (see cypher/maps/parts/neighborhoodHop.cypher): what
 * places a node in the innovation system (chain, platforms, partners, consortia, people) before its transactions
 * and records (supplies, qualifications, benefits, region, reports). A type missing here comes last.
 */
export const RELATIONSHIP_PRIORITY = [
  'LEADS_CHAIN',
  'OPERATES_IN',
  'OF_CHAIN',
  'IN_CLUSTER',
  'HOSTS',
  'SERVES',
  'PARTNERS_WITH',
  'COOPERATES_WITH',
  'LEADS',
  'MEMBER_OF',
  'TARGETS',
  'SECONDED_TO',
  'EMPLOYED_BY',
  'UNDERTAKES',
  'FUNDED_BY',
  'ADDRESSES',
  'PRODUCED',
  'ACHIEVED',
  'SUPPLIES',
  'FEEDS',
  'MERGED_INTO',
  'POSTED',
  'TOOK',
  'HOLDS',
  'RECEIVED',
  'COMPETED_IN',
  'LOCATED_IN',
  'PART_OF',
  'FOR_CHAIN',
  'FOR_REGION',
  'HAS_REPORT',
] as const;

const PRIORITY = Object.fromEntries(RELATIONSHIP_PRIORITY.map((type, rank) => [type, neo4j.int(rank)]));

/** The relationships a chain map draws between its nodes. */
export const CHAIN_MAP_TYPES = [
  'IN_CLUSTER',
  'OF_CHAIN',
  'FEEDS',
  'LEADS_CHAIN',
  'OPERATES_IN',
  'SUPPLIES',
  'HOSTS',
  'PARTNERS_WITH',
  'SERVES',
  'COOPERATES_WITH',
  'LEADS',
  'MEMBER_OF',
  'TARGETS',
] as const;

async function run(tx: QueryRunner, file: string, params: Record<string, unknown>) {
  const result = await tx.run(loadCypher('maps', file), params);
  return result.records;
}

/** The elementId of each given domain id that exists, by id (an id of any label). */
export async function findNodes(tx: QueryRunner, ids: readonly string[]): Promise<Map<string, string>> {
  const records = await run(tx, 'findNodes.cypher', { ids });
  return new Map(records.map((r) => [r.get('id') as string, r.get('elementId') as string]));
}

type NodeRow = [string, string[], string, unknown, unknown, unknown, unknown];

/**
 * Decodes the columns that cypher/maps/parts/subgraphContents.cypher binds: each node with its elementId (in the
 * record's order), and the edges.
 */
function decodeContents(record: Neo4jRecord): { nodes: [string, GraphNode][]; edges: GraphEdge[] } {
  const known = graphVocabulary().labels;
  const nodeProperties = record.get('nodeProperties') as Record<string, unknown>[];
  const edgeProperties = record.get('edgeProperties') as unknown[];
  return {
    nodes: (record.get('nodes') as NodeRow[]).map(([elementId, labels, id, name, title, year, metric], i) => {
      // Without properties, a node carries only what its display label is made of (displayLabel in subgraph.ts).
      const shown = nodeProperties[i] ?? { id, name, title, year, metric };
      return [elementId, toGraphNode(labels, shown, known)];
    }),
    edges: (record.get('edges') as [string, string, string][]).map(([type, source, target], i) =>
      toGraphEdge(type, source, target, edgeProperties[i] ?? {}),
    ),
  };
}

/**
 * A map's nodes (in the order of `elementIds`) and the edges of `types` between them, in one statement:
 * cypher/maps/contents.cypher.
 */
async function contentsOf(
  tx: QueryRunner,
  elementIds: readonly string[],
  types: readonly string[],
  { withProperties = true, hiddenProperties = [] }: MapReading,
): Promise<Pick<Subgraph, 'nodes' | 'edges'>> {
  const [record] = await run(tx, 'contents.cypher', { nodes: elementIds, types, withProperties, hiddenProperties });
  if (record === undefined) throw new Error('cypher/maps/contents.cypher returned no row');
  const { nodes, edges } = decodeContents(record);
  const byElementId = new Map(nodes);
  return { nodes: elementIds.flatMap((e) => byElementId.get(e) ?? []), edges };
}

/** How a map reads its nodes' and edges' properties. */
export interface MapReading {
  /** False when the client did not ask for node and edge properties: only what the labels need is read. */
  withProperties?: boolean;
  /** Property names never read out: the confidential fields the request's roles do not reach (src/auth/). */
  hiddenProperties?: readonly string[];
}

/** What a neighbourhood follows: relationship types (all of them), labels (null = any), a depth and a node cap. */
export interface NeighborhoodOptions extends MapReading {
  depth: number;
  types: readonly string[];
  labels: readonly string[] | null;
  limit: number;
}

/**
 * The neighbourhood of the node with domain id `id` (null when there is none), in one statement
 * (cypher/maps/neighborhood.cypher): hop by hop, the best new neighbours of the last hop's nodes while fewer than
 * `limit` nodes are in the map. A node reachable several ways is met once, at its first hop. `omitted` counts the
 * neighbours of the nodes closer than `depth` that were left out, so `truncated` is exact: false means the answer is
 * the whole neighbourhood.
 */
export async function neighborhood(
  tx: QueryRunner,
  id: string,
  options: NeighborhoodOptions,
): Promise<Subgraph | null> {
  const { depth, types, labels, limit, withProperties = true, hiddenProperties = [] } = options;
  if (depth > MAP_BOUNDS.depth.max) throw new RangeError(`depth ${depth} is above ${MAP_BOUNDS.depth.max}`);
  const [record] = await run(tx, 'neighborhood.cypher', {
    id,
    depth: neo4j.int(depth),
    limit: neo4j.int(limit),
    types,
    labels,
    priority: PRIORITY,
    withProperties,
    hiddenProperties,
  });
  if (record === undefined) return null;
  const { nodes, edges } = decodeContents(record);
  // Only types with something left out come back (each count is of rows that exist).
  const omitted = (record.get('omitted') as [string, unknown][]).map(([relationshipType, count]) => ({
    relationshipType,
    count: toNumber(count),
  }));
  return { nodes: nodes.map(([, node]) => node), edges, omitted, truncated: omitted.length > 0 };
}

/** What a shortest-path search follows: relationship types, a hop bound, and whether to return every path. */
export interface ShortestPathOptions extends MapReading {
  types: readonly string[];
  maxHops: number;
  all: boolean;
}

/**
 * One shortest path (or, with `all`, up to {@link MAX_SHORTEST_PATHS} of them) between two nodes given by
 * elementId. An empty Subgraph when no path of at most `maxHops` exists; it is `truncated` when a longer path of at
 * most {@link MAP_BOUNDS}.maxHops.max hops does. The same node at both ends is a path of one node.
 */
export async function shortestPaths(
  tx: QueryRunner,
  from: string,
  to: string,
  options: ShortestPathOptions,
): Promise<Subgraph> {
  if (from === to) {
    const { nodes } = await contentsOf(tx, [from], [], options);
    return { nodes, edges: [], truncated: false, omitted: [] };
  }
  const maxPaths = options.all ? MAX_SHORTEST_PATHS + 1 : 1;
  const records = await run(tx, 'shortestPaths.cypher', {
    from,
    to,
    types: options.types,
    maxPaths: neo4j.int(maxPaths),
    hiddenProperties: options.hiddenProperties ?? [],
  });
  const first = records[0];
  if (first === undefined) return emptySubgraph(false);
  if (toNumber(first.get('hops')) > options.maxHops) return emptySubgraph(true);
  const paths = records.slice(0, MAX_SHORTEST_PATHS);
  const nodeIds = [...new Set(paths.flatMap((r) => r.get('nodes') as string[]))];
  const edges = new Map<string, GraphEdge>();
  for (const path of paths) {
    for (const e of path.get('edges') as { type: string; source: string; target: string; properties: unknown }[]) {
      const edge = toGraphEdge(e.type, e.source, e.target, e.properties);
      if (!edges.has(edge.id)) edges.set(edge.id, edge);
    }
  }
  return {
    nodes: (await contentsOf(tx, nodeIds, [], options)).nodes,
    edges: [...edges.values()],
    truncated: records.length > MAX_SHORTEST_PATHS,
    omitted: [],
  };
}

/**
 * The map of the IndustryChain `chainId` (see cypher/maps/chainMap.cypher for what it holds and how it ranks), or
 * null when no chain has that id. Its edges are every relationship of {@link CHAIN_MAP_TYPES} between its nodes.
 */
export async function chainMap(tx: QueryRunner, chainId: string, reading: MapReading = {}): Promise<Subgraph | null> {
  const [record] = await run(tx, 'chainMap.cypher', {
    chainId,
    enterpriseCap: neo4j.int(CHAIN_MAP_ENTERPRISES),
    partnerCap: neo4j.int(CHAIN_MAP_PARTNERS),
    // Ranking firms by a figure the request may not see would tell how they compare (cypher/maps/chainMap.cypher).
    byRevenue: !(reading.hiddenProperties ?? []).includes('revenue'),
  });
  if (record === undefined) return null;
  const elementIds = [...new Set(record.get('nodes') as string[])];
  const omitted = (record.get('omitted') as { relationshipType: string; count: unknown }[])
    .map((o) => ({ relationshipType: o.relationshipType, count: toNumber(o.count) }))
    .filter((o) => o.count > 0);
  const contents = await contentsOf(tx, elementIds, CHAIN_MAP_TYPES, reading);
  return { ...contents, truncated: omitted.length > 0, omitted };
}
