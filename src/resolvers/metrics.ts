import { validateYear } from '../domain';
import { badInput } from '../errors';
import {
  checkMetricFilters,
  computeMetric,
  dataYears,
  isAvailableMetric,
  type MetricFilters,
  type MetricNumbers,
  type Suppression,
  suppressionOf,
  isRevenueRuleMetric,
} from '../queries';
import type { RequestContext } from '../context';
import { assertFiltersKnown } from './arguments';
import { readFor } from './read';

/** The arguments of `Query.metric` as GraphQL hands them over (an omitted filter is undefined). */
export interface MetricArgs {
  name: string;
  year: number;
  regionCode?: string | null;
  chainId?: string | null;
}

/** The `MetricValue` object of schema/metrics.graphql: the numbers are null when `suppressed` says why. */
export interface MetricValue extends Omit<MetricNumbers, 'value'> {
  value: number | null;
  name: string;
  year: number;
  regionCode: string | null;
  chainId: string | null;
  suppressed: Suppression | null;
}

/**
 * `Query.metric`: checks the year and the metric name before touching the database, then, in one read (readFor),
 * that the year is one the data covers (cypher/metrics/dataYears.cypher) and that the region and chain filters exist
 * (a year without data or an unknown filter is an error naming what is accepted, never a value of 0), and computes
 * the metric (withheld below planner where a cell of R1–R4 could single out a firm).
 */
export async function metric(_source: unknown, args: MetricArgs, context: RequestContext): Promise<MetricValue> {
  const { name, year } = args;
  const yearProblem = validateYear(year);
  if (yearProblem !== null) throw badInput('year', `${yearProblem}; got ${year}`, year);
  if (!isAvailableMetric(name)) {
    throw badInput('name', `metric ${name} is not available yet`, name);
  }
  const filters = { year, regionCode: args.regionCode ?? null, chainId: args.chainId ?? null };
  const outcome = await readFor(context, async (tx) => {
    const covered = await dataYears(tx);
    if (covered === null || year < covered.first || year > covered.last) return { covered };
    const known = await checkMetricFilters(tx, filters);
    if (!known.regionKnown || !known.chainKnown) return { covered, known };
    // Below planner, a cell of R1–R4 that could single out a firm's revenue band is withheld (src/queries/disclosure.ts).
    const suppressed =
      context.disclosure !== null && isRevenueRuleMetric(name)
        ? await suppressionOf(tx, name, filters, context.disclosure.minCell)
        : null;
    return { covered, known, suppressed, numbers: await computeMetric(tx, name, filters) };
  });
  const { covered } = outcome;
  if (covered === null || year < covered.first || year > covered.last || outcome.known === undefined) {
    throw noDataFor('year', year, covered);
  }
  assertFiltersKnown(outcome.known, filters);
  if (outcome.numbers === undefined) throw new Error('metric: filters known but nothing computed');
  return metricValue(name, filters, outcome.numbers, outcome.suppressed ?? null);
}

/** The error for a year the data does not cover, naming the years it does. */
export function noDataFor(argument: string, year: number, covered: { first: number; last: number } | null) {
  const span = covered ? `the data covers ${covered.first} to ${covered.last}` : 'the graph holds no dated data yet';
  return badInput(argument, `no data for ${year}: ${span}`, year);
}

/** A MetricValue as `metric` answers it: with `suppressed`, every number is null. */
export function metricValue(
  name: string,
  filters: MetricFilters,
  numbers: MetricNumbers,
  suppressed: Suppression | null,
): MetricValue {
  if (suppressed !== null) {
    return {
      name,
      ...filters,
      ...numbers,
      value: null,
      newInYear: null,
      amount: null,
      numerator: null,
      denominator: null,
      suppressed,
    };
  }
  return { name, ...filters, ...numbers, amount: numbers.amount ?? null, suppressed };
}

/** The resolvers of schema/metrics.graphql. */
export const metricsResolvers = { Query: { metric } };
