import type { GraphQLResolveInfo } from 'graphql';
import { badInput, notFound } from '../errors';
import { graphVocabulary } from '../domain';
import {
  chainMap as chainMapQuery,
  findNodes,
  MAP_BOUNDS,
  type MapReading,
  neighborhood,
  shortestPaths,
  type Subgraph,
} from '../queries';
import type { RequestContext } from '../context';
import { intArgument } from './arguments';
import { selectsMapProperties } from './selection';
import { readFor } from './read';

/** The arguments of `Query.neighborhood` as GraphQL hands them over (an explicit null means the default). */
export interface NeighborhoodArgs {
  id: string;
  depth?: number | null;
  relationshipTypes?: readonly string[] | null;
  labels?: readonly string[] | null;
  limit?: number | null;
}

/** The arguments of `Query.shortestPath`. */
export interface ShortestPathArgs {
  fromId: string;
  toId: string;
  maxHops?: number | null;
  relationshipTypes?: readonly string[] | null;
  all?: boolean | null;
}

/** The arguments of `Query.chainMap`. */
export interface ChainMapArgs {
  chainId: string;
}

function inRange(argument: keyof typeof MAP_BOUNDS, value: number | null | undefined, fallback: number): number {
  const { min, max } = MAP_BOUNDS[argument];
  return intArgument(argument, value, fallback, min, max);
}

/**
 * The names asked for, each once; null or omitted means every known name. They are values of the RelationshipType
 * and NodeLabel enums (GraphQL refused any other before the resolver ran), and reach Cypher only as parameters.
 */
function askedNames(
  argument: 'relationshipTypes' | 'labels',
  asked: readonly string[] | null | undefined,
): readonly string[] | null {
  if (asked === null || asked === undefined) return null;
  if (asked.length === 0) throw badInput(argument, 'give at least one, or leave the argument out for all', asked);
  return [...new Set(asked)];
}

/** Whether to read properties (the client selected them), and which ones the request's roles may not see. */
function readingOf(context: RequestContext, info: GraphQLResolveInfo): MapReading {
  return { withProperties: selectsMapProperties(info), hiddenProperties: context.hiddenProperties };
}

/** `Query.neighborhood`: checks every argument, then builds the map in one statement (readFor). */
export async function neighborhoodResolver(
  _source: unknown,
  args: NeighborhoodArgs,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<Subgraph> {
  const vocabulary = graphVocabulary();
  const depth = inRange('depth', args.depth, 1);
  const limit = inRange('limit', args.limit, 200);
  const types = askedNames('relationshipTypes', args.relationshipTypes);
  const labels = askedNames('labels', args.labels);
  const reading = readingOf(context, info);
  const answer = await readFor(context, (tx) =>
    neighborhood(tx, args.id, { depth, limit, labels, types: types ?? vocabulary.relationshipTypes, ...reading }),
  );
  if (answer === null) throw notFound('id', 'node', args.id);
  return answer;
}

/** `Query.shortestPath`: checks every argument, then finds both ends and the path(s) in one read (readFor). */
export async function shortestPathResolver(
  _source: unknown,
  args: ShortestPathArgs,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<Subgraph> {
  const vocabulary = graphVocabulary();
  const maxHops = inRange('maxHops', args.maxHops, 6);
  const types = askedNames('relationshipTypes', args.relationshipTypes);
  const reading = readingOf(context, info);
  const answer = await readFor(context, async (tx): Promise<Subgraph | 'fromId' | 'toId'> => {
    const found = await findNodes(tx, [args.fromId, args.toId]);
    const from = found.get(args.fromId);
    const to = found.get(args.toId);
    if (from === undefined) return 'fromId';
    if (to === undefined) return 'toId';
    const options = { maxHops, all: args.all ?? false, types: types ?? vocabulary.relationshipTypes, ...reading };
    return shortestPaths(tx, from, to, options);
  });
  if (answer === 'fromId' || answer === 'toId') throw notFound(answer, 'node', args[answer]);
  return answer;
}

/** `Query.chainMap`. */
export async function chainMapResolver(
  _source: unknown,
  args: ChainMapArgs,
  context: RequestContext,
  info: GraphQLResolveInfo,
) {
  const answer = await readFor(context, (tx) => chainMapQuery(tx, args.chainId, readingOf(context, info)));
  if (answer === null) {
    throw notFound('chainId', 'industry chain', args.chainId);
  }
  return answer;
}

/** The resolvers of schema/maps.graphql. */
export const mapsResolvers = {
  Query: { neighborhood: neighborhoodResolver, shortestPath: shortestPathResolver, chainMap: chainMapResolver },
};
