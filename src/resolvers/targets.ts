import { readTx } from '../db';
import { validateYear } from '../graphql/scalars';
import { badInput } from '../errors';
import { checkMetricFilters, reviewTargets, targetYears, type TargetReview } from '../queries';
import type { QueryRunner } from '../queries';
import type { Driver } from 'neo4j-driver';
import type { RequestContext } from '../server';
import { assertFiltersKnown } from './arguments';
import { txOptionsOf } from './read';

export interface TargetReviewArgs {
  year: number;
  regionCode?: string | null;
  chainId?: string | null;
}

/**
 * The one code path of the target review, shared by `Query.targetReview` and `npm run review`: checks the year
 * (it must have targets), the region and the chain, then reviews every target in one read (readTx).
 */
export async function runTargetReview(
  driver: Driver,
  options: { database: string; timeoutMs?: number },
  args: TargetReviewArgs,
): Promise<TargetReview> {
  const yearProblem = validateYear(args.year);
  if (yearProblem !== null) throw badInput('year', `${yearProblem}; got ${args.year}`, args.year);
  const regionCode = args.regionCode ?? null;
  const chainId = args.chainId ?? null;
  return readTx(driver, options, async (tx: QueryRunner) => {
    const years = await targetYears(tx);
    if (!years.includes(args.year)) {
      throw badInput(
        'year',
        `no targets are set for ${args.year}; years with targets: ${years.join(', ') || 'none'}`,
        args.year,
      );
    }
    const known = await checkMetricFilters(tx, { regionCode, chainId });
    assertFiltersKnown(known, { regionCode, chainId });
    return reviewTargets(tx, args.year, regionCode, chainId);
  });
}

export const targetsResolvers = {
  Query: {
    targetReview: (_source: unknown, args: TargetReviewArgs, context: RequestContext) =>
      runTargetReview(context.executionContext, txOptionsOf(context), args),
  },
};
