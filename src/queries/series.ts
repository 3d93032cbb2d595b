import neo4j from 'neo4j-driver';
import { maintainedMetrics } from '../aggregates';
import { loadCypher, toPlain } from '../db';
import { AppError, ErrorCode } from '../errors';
import { type Suppression, suppressionsOf } from './disclosure';
import {
  type AvailableMetric,
  computeMetricLive,
  type MetricFilters,
  type MetricNumbers,
  type QueryRunner,
} from './metrics';

/** One metric of one scope and year: a point of a series, a row of a breakdown, a cell of the matrix. */
export interface MetricCell {
  name: AvailableMetric;
  filters: MetricFilters;
}

/** A cell's numbers and, below planner, why they are withheld (null: shown). */
export interface ComputedCell {
  numbers: MetricNumbers;
  suppressed: Suppression | null;
}

/**
 * Many metrics at once, each exactly as `computeMetric` computes it: from the maintained counters in one statement
 * when they are ready (a 10-year series or a 12 × 12 matrix costs one read, like one `metric`), else each by its live
 * statement, one after the other (the work shares a session) — unless `live` is false: a read of hundreds of cells
 * (the matrix) is then refused with AGGREGATES_NOT_READY while the counters are rebuilt. With `minCell` (a caller below planner), the cells of
 * R1–R4 that could single out a firm's revenue band are marked as `metric` marks them (src/queries/disclosure.ts).
 */
export async function computeCells(
  tx: QueryRunner,
  cells: readonly MetricCell[],
  minCell: number | null,
  { live = true }: { live?: boolean } = {},
): Promise<ComputedCell[]> {
  const maintained = await maintainedMetrics(
    tx,
    cells.map(({ name, filters }) => ({ name, ...filters })),
  );
  if (!live && cells.length > 0 && maintained.every((m) => m === null)) {
    throw new AppError(
      ErrorCode.AGGREGATES_NOT_READY,
      `this read is answered from the maintained counts only (${cells.length} of them), which are being rebuilt now: retry in a minute`,
      { counts: cells.length },
    );
  }
  const numbers: MetricNumbers[] = [];
  for (const [i, { name, filters }] of cells.entries()) {
    numbers.push(maintained[i] ?? (await computeMetricLive(tx, name, filters)));
  }
  const suppressed =
    minCell === null
      ? cells.map(() => null)
      : await suppressionsOf(
          tx,
          cells.map(({ name, filters }) => ({ name, ...filters })),
          minCell,
        );
  return numbers.map((n, i) => ({ numbers: n, suppressed: suppressed[i] ?? null }));
}

/** A region a breakdown by county lists (cypher/metrics/breakdownRegions.cypher). */
export interface BreakdownRegion {
  code: string;
  name: string;
  level: string;
}

/** The regions directly PART_OF the scope region (null: of the city), by code. */
export async function breakdownRegions(tx: QueryRunner, regionCode: string | null): Promise<BreakdownRegion[]> {
  const result = await tx.run(loadCypher('metrics', 'breakdownRegions.cypher'), { regionCode });
  return result.records.map((r) => toPlain(r.toObject()) as BreakdownRegion);
}

/** A chain a breakdown by chain lists (cypher/metrics/breakdownChains.cypher). */
export interface BreakdownChain {
  id: string;
  name: string;
  clusterId: string | null;
  clusterName: string | null;
}

/** Every industry chain, by id, with its cluster. */
export async function breakdownChains(tx: QueryRunner): Promise<BreakdownChain[]> {
  const result = await tx.run(loadCypher('metrics', 'breakdownChains.cypher'));
  return result.records.map((r) => toPlain(r.toObject()) as BreakdownChain);
}

/** A target of a series' metric and scope (cypher/targets/targetsOfMetric.cypher). */
export interface SeriesTarget {
  targetId: string;
  year: number;
  value: number;
  comparison: 'AT_LEAST' | 'AT_MOST';
}

/** The targets of one metric set for exactly this scope, from one year to another. */
export async function targetsOfMetric(
  tx: QueryRunner,
  name: string,
  { from, to, regionCode, chainId }: { from: number; to: number; regionCode: string | null; chainId: string | null },
): Promise<SeriesTarget[]> {
  const result = await tx.run(loadCypher('targets', 'targetsOfMetric.cypher'), {
    metric: name,
    from: neo4j.int(from),
    to: neo4j.int(to),
    regionCode,
    chainId,
  });
  return result.records.map((r) => {
    const row = toPlain(r.toObject()) as {
      id: string;
      year: number;
      value: number;
      comparison: SeriesTarget['comparison'];
    };
    return { targetId: row.id, year: Number(row.year), value: Number(row.value), comparison: row.comparison };
  });
}
