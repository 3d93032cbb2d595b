import neo4j, { type Integer } from 'neo4j-driver';
import { type ReadRunner, loadCypher } from '../db';
import { REPORTED } from './contributions';

/** How a metric reads its counters: which parts, each summed over the year itself or from year 0 up to it. */
interface ReadSpec {
  kind: 'count' | 'ratio' | 'projects';
  /** count: value and new; ratio: numerator (u) and denominator (d); projects: the value (new = value). */
  parts: Record<string, { part: string; cumulative: boolean }>;
  unit: string;
}

const count = (unit: string, cumulative = false): ReadSpec => ({
  kind: 'count',
  unit,
  parts: { value: { part: 'v', cumulative }, newInYear: { part: 'n', cumulative: false } },
});
const ratio = (cumulative = false): ReadSpec => ({
  kind: 'ratio',
  unit: 'ratio',
  parts: { numerator: { part: 'u', cumulative }, denominator: { part: 'd', cumulative } },
});
const projects = (unit: string): ReadSpec => ({
  kind: 'projects',
  unit,
  parts: { value: { part: 'v', cumulative: false } },
});

/**
 * Every MetricName, as the maintained counters hold it (src/aggregates/contributions.ts writes them): a metric's value for a
 * year is one counter (or a few, for those counted from a year on: enterprises, platforms, R5), whatever the size of
 * the graph.
 */
const SPECS: Record<string, ReadSpec> = {
  INDUSTRIAL_ENTERPRISES: count('enterprises', true),
  HIGH_TECH_ENTERPRISES: count('enterprises'),
  INNOVATION_LEADER_ENTERPRISES: count('enterprises'),
  TECH_SMES: count('enterprises'),
  GAZELLE_ENTERPRISES: count('enterprises'),
  INNOVATIVE_ENTERPRISES: count('enterprises'),
  FOUR_HAVES_COVERAGE: ratio(),
  PROVINCIAL_ENGINEERING_CENTERS: count('platforms', true),
  MUNICIPAL_ENGINEERING_CENTERS: count('platforms', true),
  MUNICIPAL_KEY_LABS: count('platforms', true),
  PROVINCIAL_INCUBATORS: count('platforms', true),
  TECH_DEPUTIES: count('people'),
  RD_ACTIVITIES_COLLECTED: projects('projects'),
  NATIONAL_PROVINCIAL_PROJECTS: projects('projects'),
  NATIONAL_PROVINCIAL_PROJECT_FUNDING: projects('yuan'),
  R1_COMPLIANCE: ratio(),
  R2_COMPLIANCE: ratio(),
  R3_COMPLIANCE: ratio(),
  R4_COMPLIANCE: ratio(),
  R5_COMPLIANCE: ratio(true),
};

export interface MaintainedNumbers {
  value: number;
  newInYear: number | null;
  unit: string;
  /** For unit yuan: the exact amount, digits of a BigInt (the counters are 64-bit integers); absent otherwise. */
  amount?: string;
  numerator: number | null;
  denominator: number | null;
}

/** One metric asked of the counters: its name and scope (null: no filter). */
export interface MaintainedRequest {
  name: string;
  year: number;
  regionCode: string | null;
  chainId: string | null;
}

/**
 * A metric from the maintained counters, or null when they are not ready (never built, building, stale) or the
 * metric has none: then the caller computes it live. Scope: `*` for no filter.
 */
export async function maintainedMetric(
  tx: ReadRunner,
  name: string,
  filters: Omit<MaintainedRequest, 'name'>,
): Promise<MaintainedNumbers | null> {
  const [numbers] = await maintainedMetrics(tx, [{ name, ...filters }]);
  return numbers ?? null;
}

/**
 * Many metrics from the maintained counters in one statement (a series, a breakdown, a matrix: one read whatever
 * their number), each null when its metric has no counters; null for all when the counters are not ready.
 */
export async function maintainedMetrics(
  tx: ReadRunner,
  requests: readonly MaintainedRequest[],
): Promise<(MaintainedNumbers | null)[]> {
  const parts = requests.flatMap(({ name, year, regionCode, chainId }, i) => {
    const spec = SPECS[name];
    if (spec === undefined) return [];
    const scope = `${regionCode ?? '*'}|${chainId ?? '*'}`;
    return Object.entries(spec.parts).map(([column, { part, cumulative }]) => ({
      name: `${i}|${column}`,
      key: `${name}|${part}|${scope}`,
      from: neo4j.int(cumulative ? 0 : year),
      to: neo4j.int(year),
    }));
  });
  if (parts.length === 0) return requests.map(() => null);
  const result = await tx.run(loadCypher('aggregates', 'readCounters.cypher'), { parts });
  if (result.records.length === 0) return requests.map(() => null);
  const got = new Map(result.records.map((r) => [r.get('name') as string, r.get('value') as Integer | number]));
  return requests.map(({ name }, i) => {
    const spec = SPECS[name];
    if (spec === undefined) return null;
    const raw = (column: string) => got.get(`${i}|${column}`) ?? 0;
    const at = (column: string): number => neo4j.integer.toNumber(raw(column));
    if (spec.kind === 'ratio') {
      const numerator = at('numerator');
      const denominator = at('denominator');
      return {
        value: denominator === 0 ? 0 : numerator / denominator,
        newInYear: null,
        unit: spec.unit,
        numerator,
        denominator,
      };
    }
    const value = at('value');
    return {
      value,
      newInYear: spec.kind === 'projects' ? value : at('newInYear'),
      unit: spec.unit,
      ...(spec.unit === 'yuan' ? { amount: neo4j.integer.toString(raw('value')) } : {}),
      numerator: null,
      denominator: null,
    };
  });
}

/** The counts of one cell of a revenue rule (src/queries/disclosure.ts). */
export interface CellCounts {
  /** Enterprises with an AnnualReport of the year. */
  population: number;
  /** Of those, the ones with the rule's public attribute. */
  attribute: number;
  /** Of those, the ones whose revenue reaches the threshold: the metric's denominator. */
  big: number;
  /** Of those, the ones with the attribute: the metric's numerator. */
  bigWithAttribute: number;
}

/** The contribution version whose counters hold the cells' parts (src/aggregates/contributions.ts). */
const CELLS_VERSION = 2;

/** One table of cells: a revenue rule, a year and a chain (null: no chain filter). */
export interface CellTable {
  name: string;
  year: number;
  chainId: string | null;
}

/**
 * The cells of revenue rules (R1_COMPLIANCE … R4_COMPLIANCE), one table per year and chain asked, in each region asked
 * (null: no region filter), from the maintained counters: one statement, 4 counters per table and region. Null when
 * the aggregates are not ready or were built before they held these parts; then the caller counts live.
 */
export async function maintainedCells(
  tx: ReadRunner,
  tables: readonly CellTable[],
  regions: readonly (string | null)[],
): Promise<Map<string | null, CellCounts>[] | null> {
  const keysOf = ({ name, chainId }: CellTable, region: string | null) => {
    const scope = `${region ?? '*'}|${chainId ?? '*'}`;
    return {
      population: `${REPORTED}|p|${scope}`,
      attribute: `${name}|a|${scope}`,
      big: `${name}|d|${scope}`,
      bigWithAttribute: `${name}|u|${scope}`,
    };
  };
  const parts = tables.flatMap((table) =>
    regions.flatMap((region) =>
      Object.values(keysOf(table, region)).map((key) => ({ key, year: neo4j.int(table.year) })),
    ),
  );
  const result = await tx.run(loadCypher('aggregates', 'readCells.cypher'), {
    version: neo4j.int(CELLS_VERSION),
    parts,
  });
  if (result.records.length === 0) return null;
  const value = new Map(
    result.records.map((r) => [
      `${neo4j.integer.toNumber(r.get('year') as number)}|${r.get('key') as string}`,
      neo4j.integer.toNumber(r.get('value') as number),
    ]),
  );
  return tables.map(
    (table) =>
      new Map(
        regions.map((region) => {
          const k = keysOf(table, region);
          const at = (key: string): number => value.get(`${table.year}|${key}`) ?? 0;
          return [
            region,
            {
              population: at(k.population),
              attribute: at(k.attribute),
              big: at(k.big),
              bigWithAttribute: at(k.bigWithAttribute),
            },
          ];
        }),
      ),
  );
}
