import type { ReadRunner } from '../db';
import { liveCells, regionTree } from './disclosure';
import { AVAILABLE_METRICS, computeMetricLive, type MetricFilters, REVENUE_RULE_PARAMS } from './metrics';
import { maintainedCells, maintainedMetric } from '../aggregates';

/** A metric whose maintained counters do not say what its live statement says. */
export interface Mismatch {
  name: string;
  filters: MetricFilters;
  maintained: unknown;
  live: unknown;
}

/**
 * Compares every MetricName's maintained counters with its live statement (cypher/metrics/), and the cells of R1–R4
 * with theirs (cypher/disclosure/), for each year and scope
 * given (a null region or chain: no filter): the check behind `npm run aggregates -- --check` and the property test.
 * @returns the mismatches (empty when every counter is right), or null when the aggregates are not ready
 */
export async function checkAggregates(
  tx: ReadRunner,
  { years, regions, chains }: { years: number[]; regions: (string | null)[]; chains: (string | null)[] },
): Promise<Mismatch[] | null> {
  const mismatches: Mismatch[] = [];
  for (const year of years) {
    for (const regionCode of regions) {
      for (const chainId of chains) {
        const filters = { year, regionCode, chainId };
        for (const name of AVAILABLE_METRICS) {
          const maintained = await maintainedMetric(tx, name, filters);
          if (maintained === null) return null;
          const live = await computeMetricLive(tx, name, filters);
          const same =
            maintained.value === live.value &&
            maintained.newInYear === live.newInYear &&
            maintained.numerator === live.numerator &&
            maintained.denominator === live.denominator &&
            (maintained.amount ?? null) === (live.amount ?? null);
          if (!same) mismatches.push({ name, filters, maintained, live });
        }
      }
    }
  }
  // The cells of R1–R4 behind small-cell protection (src/queries/disclosure.ts), in the same regions and chains.
  const tree = await regionTree(tx);
  for (const year of years) {
    for (const chainId of chains) {
      for (const name of Object.keys(REVENUE_RULE_PARAMS) as (keyof typeof REVENUE_RULE_PARAMS)[]) {
        const [maintained] = (await maintainedCells(tx, [{ name, year, chainId }], regions)) ?? [];
        if (maintained === undefined) return null;
        const live = await liveCells(tx, name, { year, chainId }, tree);
        for (const regionCode of regions) {
          const [m, l] = [maintained.get(regionCode), live.get(regionCode)];
          if (JSON.stringify(m) !== JSON.stringify(l)) {
            mismatches.push({ name: `${name} cells`, filters: { year, regionCode, chainId }, maintained: m, live: l });
          }
        }
      }
    }
  }
  return mismatches;
}
