import neo4j from 'neo4j-driver';
import { type CellCounts, maintainedCells } from '../aggregates';
import { loadCypher } from '../db';
import { isRevenueRuleMetric, REVENUE_RULE_PARAMS, type QueryRunner, type RevenueRuleMetric } from './metrics';

/**
 * Statistical disclosure control for the figures a role below planner may read that are derived from a confidential
 * value (README, "Access": "Small cells"). The compliance ratios R1–R4 count enterprises whose revenue reaches a
 * threshold (1亿 / 5亿 / 10亿 / 100亿); revenue is confidential, but the attribute each rule asks for (an R&D
 * institution, a landmark result, a consortium, TECH_LEADER) and which enterprises filed a report that year are
 * public. So in a region × chain cell, the numerator and denominator split the public population into four groups —
 * with or without the attribute, above or below the threshold — and a group that is empty on one side of the
 * threshold tells every member's revenue band (a county with one TECH_LEADER firm and R4 = 1 / 1: it has ≥ 100亿).
 *
 * The rule, declared here once and applied to `metric` and to the target review's rows:
 * - **primary**: a cell is shown only when, for each of the two public groups (with the attribute, without), the group
 *   is empty or has at least *k* enterprises on each side of the threshold (`DISCLOSURE_MIN_CELL`, default 3);
 * - **secondary**: regions add up (a county's enterprises are in its city), so a suppressed county could be recovered
 *   as the city minus its other counties. Within each parent region shown, the children suppressed together with the
 *   enterprises of the parent in no child (what the parent minus the shown children amounts to) must pass the primary
 *   rule themselves; while they do not, the shown child with the fewest enterprises is suppressed too.
 * "No region filter" is the root: its children are the regions PART_OF nothing, and enterprises located nowhere are
 * its remainder. Chains are not additive (an enterprise works in several chains or none) and are protected by the
 * primary rule per chain; README states that residual risk.
 */
export type Suppression = 'SMALL_CELL';

/** The confidential field the suppressed figures derive from: a caller whose roles reach it sees every cell. */
export const DISCLOSED_FROM = 'revenue';

/** The least number of enterprises on each side of the threshold, per public group, for a cell to be shown. */
export const DEFAULT_MIN_CELL = 3;

/** The four public groups of a cell, each split at the threshold. */
function groups(c: CellCounts): { big: number; small: number }[] {
  const bigWithout = c.big - c.bigWithAttribute;
  return [
    { big: c.bigWithAttribute, small: c.attribute - c.bigWithAttribute },
    { big: bigWithout, small: c.population - c.attribute - bigWithout },
  ];
}

/** The primary rule: each public group empty, or with at least `k` enterprises on each side of the threshold. */
export function passesPrimary(c: CellCounts, k: number): boolean {
  return groups(c).every((g) => g.big >= 0 && g.small >= 0 && (g.big + g.small === 0 || (g.big >= k && g.small >= k)));
}

const minus = (a: CellCounts, b: CellCounts): CellCounts => ({
  population: a.population - b.population,
  attribute: a.attribute - b.attribute,
  big: a.big - b.big,
  bigWithAttribute: a.bigWithAttribute - b.bigWithAttribute,
});

/** The region tree: each region's parent (the first, by code, of the regions it is PART_OF), null for a top region. */
export interface RegionTree {
  parentOf: ReadonlyMap<string, string | null>;
}

/** The children of `parent` (null: the root, whose children are the top regions), by code. */
function childrenOf(tree: RegionTree, parent: string | null): string[] {
  return [...tree.parentOf]
    .filter(([, p]) => p === parent)
    .map(([code]) => code)
    .sort();
}

/**
 * Decides, for every region of the tree and the root (null), whether its cell may be shown below planner: the
 * primary rule, then secondary suppression down the tree (a pure function of the counts; see the module comment).
 * @param cellOf the counts of a region's cell (null: no region filter); every region of the tree is asked
 * @returns the regions (and null) whose cells are suppressed
 */
export function suppressedCells(
  tree: RegionTree,
  cellOf: (region: string | null) => CellCounts,
  k: number,
): Set<string | null> {
  const suppressed = new Set<string | null>();
  const visit = (parent: string | null): void => {
    const children = childrenOf(tree, parent);
    for (const child of children) if (!passesPrimary(cellOf(child), k)) suppressed.add(child);
    if (!suppressed.has(parent)) {
      // What a client gets by subtracting the shown children from the parent must pass the rule too: the suppressed
      // children with the parent's enterprises located in no child (those alone when no child is suppressed).
      const residual = (): CellCounts =>
        children.filter((c) => !suppressed.has(c)).reduce((rest, c) => minus(rest, cellOf(c)), cellOf(parent));
      const byPopulation = [...children].sort(
        (a, b) => cellOf(a).population - cellOf(b).population || a.localeCompare(b),
      );
      while (!passesPrimary(residual(), k)) {
        const next = byPopulation.find((c) => !suppressed.has(c));
        if (next === undefined) break;
        suppressed.add(next);
      }
    }
    children.forEach(visit);
  };
  if (!passesPrimary(cellOf(null), k)) suppressed.add(null);
  visit(null);
  return suppressed;
}

/** The region tree of the graph (cypher/disclosure/regions.cypher). */
export async function regionTree(tx: QueryRunner): Promise<RegionTree> {
  const result = await tx.run(loadCypher('disclosure', 'regions.cypher'));
  const parentOf = new Map<string, string | null>();
  for (const record of result.records) {
    const parents = (record.get('parents') as string[]).slice().sort();
    parentOf.set(record.get('code') as string, parents[0] ?? null);
  }
  return { parentOf };
}

const CELLS_FILE: Record<RevenueRuleMetric, string> = {
  R1_COMPLIANCE: 'r1Cells.cypher',
  R2_COMPLIANCE: 'r2Cells.cypher',
  R3_COMPLIANCE: 'r3Cells.cypher',
  R4_COMPLIANCE: 'r4Cells.cypher',
};

const EMPTY: CellCounts = { population: 0, attribute: 0, big: 0, bigWithAttribute: 0 };

/** The cells of every region by the live statement: its rows, each counted in its regions and their ancestors. */
export async function liveCells(
  tx: QueryRunner,
  name: RevenueRuleMetric,
  { year, chainId }: { year: number; chainId: string | null },
  tree: RegionTree,
): Promise<Map<string | null, CellCounts>> {
  const result = await tx.run(loadCypher('disclosure', CELLS_FILE[name]), {
    ...REVENUE_RULE_PARAMS[name],
    year: neo4j.int(year),
    chainId,
  });
  const cells = new Map<string | null, CellCounts>([[null, { ...EMPTY }]]);
  for (const code of tree.parentOf.keys()) cells.set(code, { ...EMPTY });
  for (const record of result.records) {
    const firms = neo4j.integer.toNumber(record.get('firms') as number);
    const big = record.get('big') === true;
    const attribute = record.get('attribute') === true;
    // Each enterprise once per region it is in scope of: where it is located and every region above (PART_OF*0..).
    const scopes = new Set<string | null>([null]);
    for (const located of record.get('regions') as string[]) {
      const seen = new Set<string>();
      for (let r: string | null | undefined = located; r != null && !seen.has(r); r = tree.parentOf.get(r)) {
        seen.add(r);
        scopes.add(r);
      }
    }
    for (const scope of scopes) {
      const cell = cells.get(scope) ?? { ...EMPTY };
      cell.population += firms;
      if (attribute) cell.attribute += firms;
      if (big) cell.big += firms;
      if (big && attribute) cell.bigWithAttribute += firms;
      cells.set(scope, cell);
    }
  }
  return cells;
}

/** One table of a revenue rule's cells: a year and a chain (null: no chain filter). */
export interface RuleTable {
  name: RevenueRuleMetric;
  year: number;
  chainId: string | null;
}

/**
 * For each table asked, the regions (null: no region filter) whose cells are suppressed for a caller below planner:
 * reads the region tree once and every region's cell of every table (one statement from the maintained counters, else
 * the live statement per table), then applies {@link suppressedCells}.
 */
export async function suppressedRegions(
  tx: QueryRunner,
  tables: readonly RuleTable[],
  minCell: number,
): Promise<Set<string | null>[]> {
  if (tables.length === 0) return [];
  const tree = await regionTree(tx);
  const regions = [null, ...tree.parentOf.keys()];
  const cells = (await maintainedCells(tx, tables, regions)) ?? [];
  const out: Set<string | null>[] = [];
  for (const [i, table] of tables.entries()) {
    const cellsOf = cells[i] ?? (await liveCells(tx, table.name, table, tree));
    out.push(suppressedCells(tree, (region) => cellsOf.get(region) ?? EMPTY, minCell));
  }
  return out;
}

/** Why a revenue rule's cell (year, region, chain) is not shown below planner, or null when it is. */
export async function suppressionOf(
  tx: QueryRunner,
  name: RevenueRuleMetric,
  filters: { year: number; regionCode: string | null; chainId: string | null },
  minCell: number,
): Promise<Suppression | null> {
  const [suppressed] = await suppressedRegions(tx, [{ name, ...filters }], minCell);
  return suppressed?.has(filters.regionCode) ? 'SMALL_CELL' : null;
}

/**
 * Why each of many cells (metric, year, region, chain) is not shown below planner, or null when it is: the tables
 * they fall in (revenue rule, year, chain) read at once by {@link suppressedRegions}; a metric outside R1–R4 is
 * never withheld. What a series, a breakdown and the chain × county matrix apply, cell by cell, as `metric` does.
 */
export async function suppressionsOf(
  tx: QueryRunner,
  cells: readonly { name: string; year: number; regionCode: string | null; chainId: string | null }[],
  minCell: number,
): Promise<(Suppression | null)[]> {
  const tableKey = (t: { name: string; year: number; chainId: string | null }) =>
    JSON.stringify([t.name, t.year, t.chainId]);
  const tables = new Map<string, RuleTable>();
  for (const { name, year, chainId } of cells) {
    if (isRevenueRuleMetric(name)) tables.set(tableKey({ name, year, chainId }), { name, year, chainId });
  }
  const sets = await suppressedRegions(tx, [...tables.values()], minCell);
  const withheld = new Map([...tables.keys()].map((key, i) => [key, sets[i] ?? new Set<string | null>()]));
  return cells.map((cell) => (withheld.get(tableKey(cell))?.has(cell.regionCode) ? 'SMALL_CELL' : null));
}
