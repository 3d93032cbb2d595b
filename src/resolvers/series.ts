import { validateYear } from '../domain';
import { badInput } from '../errors';
import {
  type AvailableMetric,
  breakdownChains,
  breakdownRegions,
  checkMetricFilters,
  computeCells,
  dataYears,
  isAvailableMetric,
  type MetricCell,
  type QueryRunner,
  targetsOfMetric,
} from '../queries';
import type { RequestContext } from '../context';
import { assertFiltersKnown } from './arguments';
import { metricValue, noDataFor, type MetricValue } from './metrics';
import { readFor } from './read';

/** The compliance ratios whose gap counts the matrix gives: denominator − numerator is a gap list's length. */
const MATRIX_GAPS = [
  'FOUR_HAVES_COVERAGE',
  'R1_COMPLIANCE',
  'R2_COMPLIANCE',
  'R3_COMPLIANCE',
  'R4_COMPLIANCE',
  'R5_COMPLIANCE',
] as const satisfies readonly AvailableMetric[];

type Scope = { regionCode: string | null; chainId: string | null };

/** The most years one series may span (schema/metrics.graphql). */
export const MAX_SERIES_YEARS = 30;

function checkName(name: string): AvailableMetric {
  if (!isAvailableMetric(name)) throw badInput('name', `metric ${name} is not available yet`, name);
  return name;
}

function checkYear(argument: string, year: number): void {
  const problem = validateYear(year);
  if (problem !== null) throw badInput(argument, `${problem}; got ${year}`, year);
}

/**
 * What every read below starts with, in its transaction: the years the data covers (each year asked must be one of
 * them: a year without data is an error naming the span, never a value of 0) and that the filters name something.
 */
async function checkCovered(
  tx: QueryRunner,
  years: Record<string, number>,
  scope: Scope,
): Promise<{ first: number; last: number }> {
  const covered = await dataYears(tx);
  for (const [argument, year] of Object.entries(years)) {
    if (covered === null || year < covered.first || year > covered.last) throw noDataFor(argument, year, covered);
  }
  if (covered === null) throw badInput('year', 'the graph holds no dated data yet');
  assertFiltersKnown(await checkMetricFilters(tx, scope), scope);
  return covered;
}

/** The minimum cell size for the caller (null: a planner or above, who reads every cell). */
const minCellOf = (context: RequestContext): number | null => context.disclosure?.minCell ?? null;

/** A bound on the work one series asks for: while the counters are rebuilt, each year is a statement. */
function checkSpan(from: number, to: number): void {
  if (to - from + 1 > MAX_SERIES_YEARS) {
    throw badInput(
      'from',
      `a series spans at most ${MAX_SERIES_YEARS} years; got ${from} to ${to} (${to - from + 1} years)`,
      from,
    );
  }
}

export interface MetricSeriesArgs {
  name: string;
  from?: number | null;
  to?: number | null;
  regionCode?: string | null;
  chainId?: string | null;
}

/** `Query.metricSeries`: `metric` for each year from `from` to `to`, and the targets of that metric and scope. */
export async function metricSeries(_source: unknown, args: MetricSeriesArgs, context: RequestContext) {
  const name = checkName(args.name);
  const scope = { regionCode: args.regionCode ?? null, chainId: args.chainId ?? null };
  for (const argument of ['from', 'to'] as const) {
    const year = args[argument];
    if (year != null) checkYear(argument, year);
  }
  if (args.from != null && args.to != null) checkSpan(args.from, args.to);
  return readFor(context, async (tx) => {
    const asked: Record<string, number> = {};
    if (args.from != null) asked.from = args.from;
    if (args.to != null) asked.to = args.to;
    const covered = await checkCovered(tx, asked, scope);
    const from = args.from ?? covered.first;
    const to = args.to ?? covered.last;
    if (from > to) throw badInput('from', `must not be after to (${to}); got ${from}`, from);
    checkSpan(from, to);
    const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const cells = years.map((year): MetricCell => ({ name, filters: { year, ...scope } }));
    const computed = await computeCells(tx, cells, minCellOf(context));
    const points = computed.map((c, i) => metricValue(name, cells[i]!.filters, c.numbers, c.suppressed));
    const targets = (await targetsOfMetric(tx, name, { from, to, ...scope })).map((t) => {
      const point = points[t.year - from];
      const value = point?.value ?? null;
      const met = value === null ? null : t.comparison === 'AT_LEAST' ? value >= t.value : value <= t.value;
      return { ...t, met };
    });
    return { name, unit: computed[0]?.numbers.unit ?? '', from, to, ...scope, points, targets };
  });
}

export interface MetricBreakdownArgs {
  name: string;
  year: number;
  by: 'COUNTY' | 'CHAIN';
  regionCode?: string | null;
  chainId?: string | null;
}

/** `Query.metricBreakdown`: `metric` for each county or chain of the scope, and for the scope itself. */
export async function metricBreakdown(_source: unknown, args: MetricBreakdownArgs, context: RequestContext) {
  const name = checkName(args.name);
  checkYear('year', args.year);
  const { year, by } = args;
  const scope = { regionCode: args.regionCode ?? null, chainId: args.chainId ?? null };
  if (by === 'CHAIN' && scope.chainId !== null) {
    throw badInput(
      'chainId',
      'a breakdown by CHAIN lists every chain: omit chainId (or break down by COUNTY)',
      scope.chainId,
    );
  }
  return readFor(context, async (tx) => {
    await checkCovered(tx, { year }, scope);
    const rows =
      by === 'COUNTY'
        ? (await countiesOf(tx, scope.regionCode)).map((r) => ({
            code: r.code,
            name: r.name,
            level: r.level,
            clusterId: null,
            clusterName: null,
            filters: { year, regionCode: r.code, chainId: scope.chainId },
          }))
        : (await breakdownChains(tx)).map((c) => ({
            code: c.id,
            name: c.name,
            level: null,
            clusterId: c.clusterId,
            clusterName: c.clusterName,
            filters: { year, regionCode: scope.regionCode, chainId: c.id },
          }));
    const cells: MetricCell[] = [
      { name, filters: { year, ...scope } },
      ...rows.map((r) => ({ name, filters: r.filters })),
    ];
    const computed = await computeCells(tx, cells, minCellOf(context));
    const values = computed.map((c, i) => metricValue(name, cells[i]!.filters, c.numbers, c.suppressed));
    return {
      name,
      year,
      by,
      unit: computed[0]?.numbers.unit ?? '',
      ...scope,
      total: values[0],
      rows: rows.map(({ filters: _filters, ...row }, i) => ({ ...row, metric: values[i + 1] as MetricValue })),
    };
  });
}

/** The counties of a scope region; a region without any (a county itself) is an error naming it. */
async function countiesOf(tx: QueryRunner, regionCode: string | null) {
  const counties = await breakdownRegions(tx, regionCode);
  if (counties.length === 0) {
    throw badInput(
      'regionCode',
      regionCode === null
        ? 'the graph holds no region PART_OF a city: nothing to break down by county'
        : `no region is PART_OF ${regionCode}: break down by county within a city (or omit regionCode)`,
      regionCode,
    );
  }
  return counties;
}

export interface ChainCountyMatrixArgs {
  year: number;
  regionCode?: string | null;
}

/** `Query.chainCountyMatrix`: each chain × county's enterprises and compliance gap counts, in one read. */
export async function chainCountyMatrix(_source: unknown, args: ChainCountyMatrixArgs, context: RequestContext) {
  checkYear('year', args.year);
  const { year } = args;
  const regionCode = args.regionCode ?? null;
  return readFor(context, async (tx) => {
    await checkCovered(tx, { year }, { regionCode, chainId: null });
    const counties = await countiesOf(tx, regionCode);
    const chains = await breakdownChains(tx);
    const pairs = chains.flatMap((chain) => counties.map((county) => ({ chainId: chain.id, regionCode: county.code })));
    const perPair = 1 + MATRIX_GAPS.length;
    const cells = pairs.flatMap((pair): MetricCell[] => [
      { name: 'INDUSTRIAL_ENTERPRISES', filters: { year, ...pair } },
      ...MATRIX_GAPS.map((name) => ({ name, filters: { year, ...pair } })),
    ]);
    const computed = await computeCells(tx, cells, minCellOf(context), { live: false });
    return {
      year,
      regionCode,
      chains,
      counties,
      cells: pairs.map((pair, p) => {
        const at = (k: number) => computed[p * perPair + k]!;
        return {
          ...pair,
          enterprises: at(0).numbers.value,
          gaps: MATRIX_GAPS.map((metric, g) => {
            const { numbers, suppressed } = at(g + 1);
            const shown = suppressed === null && numbers.denominator !== null && numbers.numerator !== null;
            return {
              metric,
              missing: shown ? numbers.denominator! - numbers.numerator! : null,
              of: shown ? numbers.denominator : null,
              suppressed,
            };
          }),
        };
      }),
    };
  });
}

/** The resolvers of the series, breakdown and matrix fields of schema/metrics.graphql. */
export const seriesResolvers = { Query: { metricSeries, metricBreakdown, chainCountyMatrix } };
