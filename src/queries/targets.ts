import neo4j from 'neo4j-driver';
import { toPlain, loadCypher } from '../db';
import DataLoader from 'dataloader';
import {
  type AvailableMetric,
  computeMetric,
  isAvailableMetric,
  type MetricFilters,
  isRevenueRuleMetric,
  type MetricNumbers,
  type QueryRunner,
} from './metrics';
import { type RuleTable, type Suppression, suppressedRegions } from './disclosure';

/** a − b without binary noise (0.8272 − 0.8 prints 0.0272, not 0.027200000000000002). */
const diff = (a: number, b: number): number => Number((a - b).toPrecision(12));

export type TargetState = 'MET' | 'NOT_MET' | 'UNAVAILABLE' | 'SUPPRESSED';

/** One target compared with the data: the shape of `TargetStatus` in schema/targets-review.graphql. */
export interface TargetStatus {
  targetId: string;
  metric: string;
  year: number;
  comparison: 'AT_LEAST' | 'AT_MOST';
  target: number;
  regionCode: string | null;
  chainId: string | null;
  unit: string | null;
  actual: number | null;
  /** actual − target: positive is above the target. */
  gap: number | null;
  met: boolean | null;
  status: TargetState;
  previousActual: number | null;
  /** actual − previousActual. */
  change: number | null;
  /** Why actual, gap and met are withheld from the caller (src/queries/disclosure.ts). */
  suppressed: Suppression | null;
  /** Why previousActual and change are withheld from the caller. */
  previousSuppressed: Suppression | null;
}

export interface TargetReview {
  year: number;
  regionCode: string | null;
  chainId: string | null;
  targets: TargetStatus[];
  met: number;
  notMet: number;
  unavailable: number;
  suppressed: number;
  allMet: boolean;
}

/** The years that have targets (sorted). */
export async function targetYears(tx: QueryRunner): Promise<number[]> {
  const result = await tx.run(loadCypher('targets', 'targetYears.cypher'));
  return (toPlain(result.records[0]?.get('years') ?? []) as number[]).map(Number);
}

/** The scopes (region code, chain id; null = unscoped) that have targets in the year. */
export async function targetScopes(
  tx: QueryRunner,
  year: number,
): Promise<{ regionCode: string | null; chainId: string | null }[]> {
  const result = await tx.run(loadCypher('targets', 'targetScopes.cypher'), { year: neo4j.int(year) });
  return result.records.map((r) => ({
    regionCode: r.get('regionCode') as string | null,
    chainId: r.get('chainId') as string | null,
  }));
}

/** Every target of the year with its actual value, gap, met flag and the previous year's actual. */
export async function reviewTargets(
  tx: QueryRunner,
  year: number,
  regionCode: string | null,
  chainId: string | null,
  disclosure: { minCell: number } | null = null,
): Promise<TargetReview> {
  const result = await tx.run(loadCypher('targets', 'targetsOfYear.cypher'), {
    year: neo4j.int(year),
    regionCode,
    chainId,
  });
  // Several targets often share a metric and scope (an AT_LEAST and an AT_MOST, this year's and last year's value):
  // the loader computes each (metric, year, scope) once per review. One statement at a time: the work shares a session.
  const metrics = new DataLoader<{ metric: AvailableMetric; filters: MetricFilters }, MetricNumbers, string>(
    async (keys) => {
      const values: MetricNumbers[] = [];
      for (const { metric, filters } of keys) values.push(await computeMetric(tx, metric, filters));
      return values;
    },
    { cacheKeyFn: ({ metric, filters: f }) => JSON.stringify([metric, f.year, f.regionCode, f.chainId]) },
  );
  const rows = result.records.map(
    (record) =>
      toPlain(record.toObject()) as {
        id: string;
        metric: string;
        value: number;
        comparison: 'AT_LEAST' | 'AT_MOST';
        regionCode: string | null;
        chainId: string | null;
      },
  );
  // Below planner, the cells of R1–R4 that could single out a firm are withheld (src/queries/disclosure.ts): the
  // tables (metric, year, chain) of this year and the last, all read at once.
  const tableKey = (t: RuleTable): string => JSON.stringify([t.name, t.year, t.chainId]);
  const tables = new Map<string, RuleTable>();
  for (const t of rows) {
    if (disclosure === null || !isRevenueRuleMetric(t.metric)) continue;
    for (const y of [year, year - 1]) {
      const table = { name: t.metric, year: y, chainId: t.chainId };
      tables.set(tableKey(table), table);
    }
  }
  const withheld = new Map<string, Set<string | null>>();
  if (disclosure !== null) {
    const sets = await suppressedRegions(tx, [...tables.values()], disclosure.minCell);
    [...tables.keys()].forEach((key, i) => withheld.set(key, sets[i] ?? new Set()));
  }
  const suppression = (metric: string, filters: MetricFilters): Suppression | null => {
    if (!isRevenueRuleMetric(metric)) return null;
    const regions = withheld.get(tableKey({ name: metric, year: filters.year, chainId: filters.chainId }));
    return regions?.has(filters.regionCode) ? 'SMALL_CELL' : null;
  };
  const computed = await Promise.all(
    rows.map(async (t) => {
      if (!isAvailableMetric(t.metric)) return null;
      const scope = { regionCode: t.regionCode, chainId: t.chainId };
      return Promise.all([
        metrics.load({ metric: t.metric, filters: { year, ...scope } }),
        metrics.load({ metric: t.metric, filters: { year: year - 1, ...scope } }),
      ]);
    }),
  );
  const targets: TargetStatus[] = [];
  for (const [i, t] of rows.entries()) {
    const base = {
      targetId: t.id,
      metric: t.metric,
      year,
      comparison: t.comparison,
      target: t.value,
      regionCode: t.regionCode,
      chainId: t.chainId,
    };
    const values = computed[i];
    if (!values) {
      targets.push({
        ...base,
        unit: null,
        actual: null,
        gap: null,
        met: null,
        status: 'UNAVAILABLE',
        previousActual: null,
        change: null,
        suppressed: null,
        previousSuppressed: null,
      });
      continue;
    }
    const [now, before] = values;
    const scope = { regionCode: t.regionCode, chainId: t.chainId };
    const suppressed = suppression(t.metric, { year, ...scope });
    const previousSuppressed = suppression(t.metric, { year: year - 1, ...scope });
    const shownBefore = suppressed === null && previousSuppressed === null;
    const met = t.comparison === 'AT_LEAST' ? now.value >= t.value : now.value <= t.value;
    targets.push({
      ...base,
      unit: now.unit,
      actual: suppressed === null ? now.value : null,
      gap: suppressed === null ? diff(now.value, t.value) : null,
      met: suppressed === null ? met : null,
      status: suppressed !== null ? 'SUPPRESSED' : met ? 'MET' : 'NOT_MET',
      previousActual: previousSuppressed === null ? before.value : null,
      change: shownBefore ? diff(now.value, before.value) : null,
      suppressed,
      previousSuppressed,
    });
  }
  const count = (s: TargetState): number => targets.filter((t) => t.status === s).length;
  return {
    year,
    regionCode,
    chainId,
    targets,
    met: count('MET'),
    notMet: count('NOT_MET'),
    unavailable: count('UNAVAILABLE'),
    suppressed: count('SUPPRESSED'),
    allMet: targets.length > 0 && count('MET') === targets.length,
  };
}
