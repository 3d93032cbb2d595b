import { fourHavesCoverage as computeCoverage, type Coverage } from '../queries';
import type { RequestContext } from '../context';
import { readFor } from './read';

/** The arguments of `Query.fourHavesCoverage`. */
export interface CoverageArgs {
  year: number;
  regionCode?: string | null;
  chainId?: string | null;
}

/**
 * `Query.fourHavesCoverage`. Its arguments (a report year, a known region and chain) were checked before execution
 * by src/graphql/argumentGuards.ts, like those of every gap field; the gap lists themselves are @cypher fields that
 * @neo4j/graphql resolves, so this is the only gap resolver.
 */
export async function fourHavesCoverage(
  _source: unknown,
  args: CoverageArgs,
  context: RequestContext,
): Promise<Coverage> {
  const filters = { year: args.year, regionCode: args.regionCode ?? null, chainId: args.chainId ?? null };
  return readFor(context, (tx) => computeCoverage(tx, filters));
}

/** The resolvers of schema/gaps.graphql. */
export const gapsResolvers = { Query: { fourHavesCoverage } };
