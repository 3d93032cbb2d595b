import { toPlain } from '../db';
import { graphVocabulary } from '../domain';

/** A node of a map: the `GraphNode` of schema/maps.graphql. */
export interface GraphNode {
  id: string;
  type: string;
  label: string;
  properties: Record<string, unknown>;
}

/** A relationship of a map: the `GraphEdge` of schema/maps.graphql. */
export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

/** How many distinct nodes reached through one relationship type a map left out. */
export interface OmittedCount {
  relationshipType: string;
  count: number;
}

/** The `Subgraph` of schema/maps.graphql. */
export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
  omitted: OmittedCount[];
}

/** A Subgraph with no nodes: no path within the hops asked for (`truncated` says whether a longer one exists). */
export function emptySubgraph(truncated = false): Subgraph {
  return { nodes: [], edges: [], truncated, omitted: [] };
}

/**
 * The id of an edge: its type and its ends' domain ids. Unlike elementId it survives a reload of the data, so a
 * client can merge the answers of several queries (expanding a node on click) and keep its layout.
 */
export function edgeId(type: string, source: string, target: string): string {
  return `${type}:${source}->${target}`;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * A display name for a node: its name, else its title, else its key fields for the types that have neither
 * (an AnnualReport is "<year> annual report", a Target "<metric> <year>"), else its id.
 */
export function displayLabel(type: string, properties: Record<string, unknown>, id: string): string {
  const named = text(properties.name) ?? text(properties.title);
  if (named !== undefined) return named;
  const year = text(properties.year);
  if (type === 'AnnualReport' && year !== undefined) return `${year} annual report`;
  const metric = text(properties.metric);
  if (type === 'Target' && metric !== undefined) return year === undefined ? metric : `${metric} ${year}`;
  return id;
}

/**
 * Raw properties made JSON-safe (toPlain), with the amounts of money of `type` (GraphVocabulary.moneyProperties) as
 * decimal strings, as every BigInt field of the API gives them: a client reads `revenue` the same way in a map and
 * in a query, exact at any size, and never gets a number that is exact below 2^53 only.
 */
function plainProperties(type: string, rawProperties: unknown): Record<string, unknown> {
  const properties = (toPlain(rawProperties ?? {}) ?? {}) as Record<string, unknown>;
  for (const name of graphVocabulary().moneyProperties[type] ?? []) {
    const value = properties[name];
    if (typeof value === 'number') properties[name] = String(value);
  }
  return properties;
}

/** A map node from a Neo4j node's labels and raw properties; `type` is the first label the schema knows. */
export function toGraphNode(
  labels: readonly string[],
  rawProperties: Record<string, unknown>,
  knownLabels: readonly string[],
): GraphNode {
  const type = labels.find((l) => knownLabels.includes(l)) ?? labels[0] ?? 'Node';
  const properties = plainProperties(type, rawProperties);
  const id = String(properties.id);
  return { id, type, label: displayLabel(type, properties, id), properties };
}

/** A map edge from a relationship's type, its ends' domain ids and its raw properties. */
export function toGraphEdge(type: string, source: string, target: string, rawProperties: unknown): GraphEdge {
  const properties = plainProperties(type, rawProperties);
  return { id: edgeId(type, source, target), type, source, target, properties };
}
