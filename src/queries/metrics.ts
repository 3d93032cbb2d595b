import neo4j from 'neo4j-driver';
import { type ReadRunner, loadCypher, toBigIntOrNull, toNumber } from '../db';
import { maintainedMetric } from '../aggregates';
import { PLATFORM_METRICS, QUALIFICATION_METRICS, RULE_DEFAULTS } from '../domain';

/** Runs statements: what readTx hands read work (auto-commit statements), or a transaction of a test or the CLI. */
export type QueryRunner = ReadRunner;

/** The year and optional filters every metric takes; null means no filter. */
export interface MetricFilters {
  year: number;
  regionCode: string | null;
  chainId: string | null;
}

/** A metric's numbers. `numerator` and `denominator` are set for ratios only; `newInYear` is null for ratios. */
export interface MetricNumbers {
  value: number;
  newInYear: number | null;
  unit: string;
  /** For unit yuan: the exact amount, digits of a BigInt; absent for other units. */
  amount?: string | null;
  numerator: number | null;
  denominator: number | null;
}

const NATIONAL_PROVINCIAL = { levels: ['NATIONAL', 'PROVINCIAL'], statuses: ['APPROVED', 'FUNDED', 'COMPLETED'] };

const noRatio = { numerator: null, denominator: null } as const;

type Compute = (tx: QueryRunner, filters: MetricFilters) => Promise<MetricNumbers>;

/** The parameters every metrics statement takes; the year goes as an integer to compare exactly with stored ones. */
function scopeParams({ year, regionCode, chainId }: MetricFilters): Record<string, unknown> {
  return { year: neo4j.int(year), regionCode, chainId };
}

async function single(tx: QueryRunner, file: string, params: Record<string, unknown>) {
  const result = await tx.run(loadCypher('metrics', file), params);
  const record = result.records[0];
  if (record === undefined) throw new Error(`cypher/metrics/${file} returned no row`);
  return record;
}

/**
 * A count of things and of those new in the year, in `unit`. With `unscopedFile`, a statement that computes the
 * same numbers faster when neither a region nor a chain is given (from the count store and an index, say).
 */
function counted(file: string, unit: string, extra: Record<string, unknown> = {}, unscopedFile?: string): Compute {
  return async (tx, filters) => {
    const unscoped = unscopedFile !== undefined && filters.regionCode === null && filters.chainId === null;
    const record = await single(tx, unscoped ? unscopedFile : file, { ...scopeParams(filters), ...extra });
    return { value: toNumber(record.get('value')), newInYear: toNumber(record.get('newInYear')), unit, ...noRatio };
  };
}

/** Projects of the year: all of them are new in the year, so newInYear = value. */
function projects(
  levels: readonly string[] | null,
  statuses: readonly string[],
  measure: 'count' | 'funding',
): Compute {
  return async (tx, filters) => {
    const record = await single(tx, 'projects.cypher', { ...scopeParams(filters), levels, statuses });
    if (measure === 'count') {
      const value = toNumber(record.get('value'));
      return { value, newInYear: value, unit: 'projects', ...noRatio };
    }
    // Yuan: `value` is a Float for charts, `amount` the exact digits (a sum may pass 2^53).
    const amount = toBigIntOrNull(record.get('funding')) ?? 0n;
    const value = Number(amount);
    return { value, newInYear: value, unit: 'yuan', amount: amount.toString(), ...noRatio };
  };
}

/** A ratio: the compliant (or covered) count over its population; the value is 0 when the population is empty. */
function ratio(file: string, extra: Record<string, unknown> = {}): Compute {
  return async (tx, filters) => {
    const record = await single(tx, file, { ...scopeParams(filters), ...extra });
    const numerator = toNumber(record.get('numerator'));
    const denominator = toNumber(record.get('denominator'));
    return {
      value: denominator === 0 ? 0 : numerator / denominator,
      newInYear: null,
      unit: 'ratio',
      numerator,
      denominator,
    };
  };
}

/**
 * The metrics whose population is defined by a confidential value — an enterprise's revenue reaching the letter's
 * threshold (rules R1–R4) — with the parameters of their statements (revenue as a Neo4j integer, to compare exactly).
 * Their numbers are shown below the planner role only where they cannot single out a firm (src/queries/disclosure.ts,
 * which counts each one's cells with cypher/disclosure/<rule>Cells.cypher): a metric added here is protected.
 */
export const REVENUE_RULE_PARAMS = {
  R1_COMPLIANCE: { minRevenue: neo4j.int(RULE_DEFAULTS.R1.minRevenue.toString()) },
  R2_COMPLIANCE: {
    minRevenue: neo4j.int(RULE_DEFAULTS.R2.minRevenue.toString()),
    withinYears: neo4j.int(RULE_DEFAULTS.R2.withinYears),
  },
  R3_COMPLIANCE: { minRevenue: neo4j.int(RULE_DEFAULTS.R3.minRevenue.toString()) },
  R4_COMPLIANCE: { minRevenue: neo4j.int(RULE_DEFAULTS.R4.minRevenue.toString()) },
} as const;

/** A metric of {@link REVENUE_RULE_PARAMS}. */
export type RevenueRuleMetric = keyof typeof REVENUE_RULE_PARAMS;

/** True when `name`'s population is defined by revenue (see {@link REVENUE_RULE_PARAMS}). */
export function isRevenueRuleMetric(name: string): name is RevenueRuleMetric {
  return Object.hasOwn(REVENUE_RULE_PARAMS, name);
}

const METRICS = {
  INDUSTRIAL_ENTERPRISES: counted('industrialEnterprises.cypher', 'enterprises', {}, 'industrialEnterprisesAll.cypher'),
  ...mapValues(QUALIFICATION_METRICS, (code) => counted('qualifiedEnterprises.cypher', 'enterprises', { code })),
  INNOVATIVE_ENTERPRISES: counted('innovativeEnterprises.cypher', 'enterprises'),
  FOUR_HAVES_COVERAGE: ratio('fourHavesCoverage.cypher'),
  ...mapValues(PLATFORM_METRICS, (kindLevel) => counted('platforms.cypher', 'platforms', kindLevel)),
  TECH_DEPUTIES: counted('techDeputies.cypher', 'people'),
  RD_ACTIVITIES_COLLECTED: projects(null, ['COLLECTED'], 'count'),
  NATIONAL_PROVINCIAL_PROJECTS: projects(NATIONAL_PROVINCIAL.levels, NATIONAL_PROVINCIAL.statuses, 'count'),
  NATIONAL_PROVINCIAL_PROJECT_FUNDING: projects(NATIONAL_PROVINCIAL.levels, NATIONAL_PROVINCIAL.statuses, 'funding'),
  R1_COMPLIANCE: ratio('r1Compliance.cypher', REVENUE_RULE_PARAMS.R1_COMPLIANCE),
  R2_COMPLIANCE: ratio('r2Compliance.cypher', REVENUE_RULE_PARAMS.R2_COMPLIANCE),
  R3_COMPLIANCE: ratio('r3Compliance.cypher', REVENUE_RULE_PARAMS.R3_COMPLIANCE),
  R4_COMPLIANCE: ratio('r4Compliance.cypher', REVENUE_RULE_PARAMS.R4_COMPLIANCE),
  R5_COMPLIANCE: ratio('r5Compliance.cypher', { leadingChainsOnly: RULE_DEFAULTS.R5.leadingChainsOnly }),
} satisfies Record<string, Compute>;

function mapValues<K extends string, V>(record: Record<K, V>, f: (value: V) => Compute): Record<K, Compute> {
  return Object.fromEntries(Object.entries<V>(record).map(([key, value]) => [key, f(value)])) as Record<K, Compute>;
}

/** A MetricName this module computes. */
export type AvailableMetric = keyof typeof METRICS;

/** The metric names that can be computed, in the order of their definitions. */
export const AVAILABLE_METRICS = Object.keys(METRICS) as AvailableMetric[];

/** True when `name` is a metric this module computes. */
export function isAvailableMetric(name: string): name is AvailableMetric {
  return Object.prototype.hasOwnProperty.call(METRICS, name);
}

/** Whether the filters name an existing Region (by code) and IndustryChain (by id); a null filter is known. */
export async function checkMetricFilters(
  tx: QueryRunner,
  { regionCode, chainId }: Pick<MetricFilters, 'regionCode' | 'chainId'>,
): Promise<{ regionKnown: boolean; chainKnown: boolean }> {
  if (regionCode === null && chainId === null) return { regionKnown: true, chainKnown: true }; // nothing to look up
  const record = await single(tx, 'filters.cypher', { regionCode, chainId });
  return { regionKnown: record.get('regionKnown') === true, chainKnown: record.get('chainKnown') === true };
}

/**
 * The years the data covers (cypher/metrics/dataYears.cypher): from the earliest to the latest dated fact, targets
 * left out; null in a graph without dated facts.
 */
export async function dataYears(tx: QueryRunner): Promise<{ first: number; last: number } | null> {
  const record = await single(tx, 'dataYears.cypher', {});
  const first = record.get('first') as unknown;
  const last = record.get('last') as unknown;
  if (first === null || last === null) return null;
  return { first: neo4j.integer.toNumber(first as number), last: neo4j.integer.toNumber(last as number) };
}

/**
 * Computes one metric for a year within the filters' scope, as defined in DESIGN.md ("Definitions every query
 * shares") and each statement's header in cypher/metrics/: from the maintained counters when they are ready
 * (src/aggregates/read.ts: one counter read, whatever the size of the graph), else by the live statement. Unknown filters are not checked here: call
 * {@link checkMetricFilters} first, or an unknown region simply counts nothing.
 */
export async function computeMetric(
  tx: QueryRunner,
  name: AvailableMetric,
  filters: MetricFilters,
): Promise<MetricNumbers> {
  return (await maintainedMetric(tx, name, filters)) ?? computeMetricLive(tx, name, filters);
}

/** {@link computeMetric} by the live statement of cypher/metrics/, never from the maintained counters. */
export function computeMetricLive(
  tx: QueryRunner,
  name: AvailableMetric,
  filters: MetricFilters,
): Promise<MetricNumbers> {
  return METRICS[name](tx, filters);
}
