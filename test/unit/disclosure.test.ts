import fc from 'fast-check';
import type { CellCounts } from '../../src/aggregates/read';
import { passesPrimary, type RegionTree, suppressedCells } from '../../src/queries/disclosure';

/** A cell from its four groups: leaders (with the attribute) big / small, others big / small. */
const cellOf = (withBig: number, withSmall: number, withoutBig: number, withoutSmall: number): CellCounts => ({
  population: withBig + withSmall + withoutBig + withoutSmall,
  attribute: withBig + withSmall,
  big: withBig + withoutBig,
  bigWithAttribute: withBig,
});
const sum = (cells: CellCounts[]): CellCounts =>
  cells.reduce(
    (a, c) => ({
      population: a.population + c.population,
      attribute: a.attribute + c.attribute,
      big: a.big + c.big,
      bigWithAttribute: a.bigWithAttribute + c.bigWithAttribute,
    }),
    cellOf(0, 0, 0, 0),
  );
const minus = (a: CellCounts, b: CellCounts): CellCounts => ({
  population: a.population - b.population,
  attribute: a.attribute - b.attribute,
  big: a.big - b.big,
  bigWithAttribute: a.bigWithAttribute - b.bigWithAttribute,
});

describe('the primary rule', () => {
  it('shows a cell whose two public groups are empty or have k on each side of the threshold', () => {
    expect(passesPrimary(cellOf(0, 0, 0, 0), 3)).toBe(true);
    expect(passesPrimary(cellOf(3, 3, 3, 3), 3)).toBe(true);
    expect(passesPrimary(cellOf(0, 0, 3, 3), 3)).toBe(true); // nobody has the attribute: nothing told of anyone
  });
  it('withholds a cell where a group lies on one side of the threshold or has fewer than k on a side', () => {
    expect(passesPrimary(cellOf(1, 0, 0, 0), 3)).toBe(false); // R4 = 1 / 1: the one leader is big
    expect(passesPrimary(cellOf(0, 5, 3, 3), 3)).toBe(false); // every leader is small: each is banded
    expect(passesPrimary(cellOf(3, 3, 2, 900), 3)).toBe(false); // 2 big among the others
    expect(passesPrimary(cellOf(3, 3, 2, 900), 2)).toBe(true);
    expect(passesPrimary(cellOf(1, 0, 0, 0), 1)).toBe(false); // even k = 1 never shows a one-sided group
  });
});

describe('secondary suppression down the region tree', () => {
  // root (null) → city C → counties; counties' cells drawn at random, C = their sum plus its own unplaced firms.
  const group = fc.nat({ max: 6 });
  const cellArb = fc.tuple(group, group, group, group).map(([a, b, c, d]) => cellOf(a, b, c, d));
  const caseArb = fc.record({
    counties: fc.array(cellArb, { minLength: 1, maxLength: 6 }),
    direct: cellArb,
    k: fc.integer({ min: 1, max: 4 }),
  });

  it('never lets a shown parent minus its shown children give a cell the rule withholds', () => {
    fc.assert(
      fc.property(caseArb, ({ counties, direct, k }) => {
        const codes = counties.map((_, i) => `C${i}`);
        const tree: RegionTree = { parentOf: new Map([['C', null], ...codes.map((c) => [c, 'C'] as const)]) };
        const cells = new Map<string | null, CellCounts>(codes.map((c, i) => [c, counties[i] as CellCounts]));
        cells.set('C', sum([...counties, direct]));
        cells.set(null, cells.get('C') as CellCounts);
        const suppressed = suppressedCells(tree, (r) => cells.get(r) as CellCounts, k);
        // Every cell failing the rule is withheld.
        for (const [region, cell] of cells) if (!passesPrimary(cell, k)) expect(suppressed.has(region)).toBe(true);
        // Differencing: the city minus the counties shown is a cell the rule allows (or the city is withheld).
        if (!suppressed.has('C')) {
          const rest = codes
            .filter((c) => !suppressed.has(c))
            .reduce((r, c) => minus(r, cells.get(c) as CellCounts), cells.get('C') as CellCounts);
          expect(passesPrimary(rest, k)).toBe(true);
        }
        // A county is withheld only for a reason: it fails the rule, or the city is shown and needs it withheld.
        const shownCounties = codes.filter((c) => !suppressed.has(c));
        for (const c of shownCounties) expect(passesPrimary(cells.get(c) as CellCounts, k)).toBe(true);
      }),
      { seed: 24, numRuns: 2000 },
    );
  });

  it('withholds the smallest other county when one alone would be given away', () => {
    const tree: RegionTree = {
      parentOf: new Map([
        ['C', null],
        ['A', 'C'],
        ['B', 'C'],
        ['D', 'C'],
      ]),
    };
    const cells = new Map<string | null, CellCounts>([
      ['A', cellOf(1, 0, 0, 0)],
      ['B', cellOf(3, 3, 3, 3)],
      ['D', cellOf(4, 4, 4, 4)],
    ]);
    cells.set('C', sum([...cells.values()]));
    cells.set(null, cells.get('C') as CellCounts);
    expect([...suppressedCells(tree, (r) => cells.get(r) as CellCounts, 3)].sort()).toEqual(['A', 'B']);
  });
});
