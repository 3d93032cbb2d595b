import { readTx } from '../db';
import { validateYear } from '../domain';
import { badInput } from '../errors';
import {
  checkMetricFilters,
  reviewTargets,
  targetScopes,
  targetYears,
  type TargetReview,
  type QueryRunner,
} from '../queries';
import type { Driver } from 'neo4j-driver';
import type { RequestContext } from '../context';
import { assertFiltersKnown } from './arguments';
import { txOptionsOf } from './read';

export interface TargetReviewArgs {
  year: number;
  regionCode?: string | null;
  chainId?: string | null;
}

/**
 * The one code path of the target review, shared by `Query.targetReview` and `npm run review`: checks the year
 * (it must have targets), the region and the chain, then reviews every target in one read (readTx). A region or
 * chain that exists but has no targets that year is BAD_USER_INPUT naming the scopes that have some (the CLI exits
 * 2), never an empty review that a script would read as "targets missed". With `disclosure`, the cells of R1–R4 that
 * could single out a firm are withheld (src/queries/disclosure.ts); the CLI reads every figure.
 */
export async function runTargetReview(
  driver: Driver,
  options: { database: string; timeoutMs?: number; disclosure?: { minCell: number } | null },
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
    const review = await reviewTargets(tx, args.year, regionCode, chainId, options.disclosure ?? null);
    if (review.targets.length > 0) return review;
    // A scope without targets is not a review whose targets were missed: say which scopes have targets.
    const scopes = (await targetScopes(tx, args.year)).map(
      ({ regionCode: r, chainId: c }) =>
        [r ? `regionCode ${r}` : null, c ? `chainId ${c}` : null].filter(Boolean).join(' + ') || 'the whole city',
    );
    throw badInput(
      regionCode !== null ? 'regionCode' : 'chainId',
      `no targets of ${args.year} are set for this scope; scopes with targets in ${args.year}: ${scopes.join('; ')}`,
      regionCode ?? chainId,
    );
  });
}

export const targetsResolvers = {
  Query: {
    targetReview: (_source: unknown, args: TargetReviewArgs, context: RequestContext) =>
      runTargetReview(context.executionContext, { ...txOptionsOf(context), disclosure: context.disclosure }, args),
  },
};
