import { generateSeed, syntheticCreditCode } from '../../seed/generate';
import { GraphBuilder } from '../../seed/graphBuilder';
import { SeedValidationError, validateGraph } from '../../seed/validateGraph';
import { validateCreditCode } from '../../src/graphql/scalars';

describe('generateSeed (in memory, no database)', () => {
  const graph = generateSeed(1);

  it('is deterministic: two runs give identical nodes and relationships', () => {
    const again = generateSeed(1);
    expect(JSON.stringify([...again.nodes])).toBe(JSON.stringify([...graph.nodes]));
    expect(JSON.stringify([...again.rels])).toBe(JSON.stringify([...graph.rels]));
  });

  it('has exactly 11,000 enterprises at scale 1 and 22,000 at scale 2 (F1 × scale)', () => {
    expect(graph.nodes.get('Enterprise')).toHaveLength(11_000);
    expect(generateSeed(2).nodes.get('Enterprise')).toHaveLength(22_000);
  });

  it('gives every synthetic enterprise a valid, unique credit code', () => {
    const codes = (graph.nodes.get('Enterprise') ?? []).filter((e) => e.synthetic).map((e) => String(e.creditCode));
    expect(codes).toHaveLength(10_996);
    expect(codes.filter((c) => validateCreditCode(c) !== null)).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('numbers firms in an order unrelated to revenue, so ids and credit codes do not tell a viewer the revenue rank', () => {
    const firms = (graph.nodes.get('Enterprise') ?? []).filter((e) => e.synthetic);
    const byId = [...firms].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const byRevenue = [...firms].sort((a, b) => Number(b.revenue) - Number(a.revenue));
    expect(byId[0]?.id).toBe('ent-000000');
    // The ten largest firms are spread over the id range, not its first ten ids.
    const topIds = byRevenue.slice(0, 10).map((f) => Number(String(f.id).slice(4)));
    expect(byRevenue[0]?.id).not.toBe('ent-000000');
    expect(topIds.filter((n) => n < 10)).toEqual([]);
    expect(Math.max(...topIds)).toBeGreaterThan(firms.length / 2);
    // Rank correlation between id order and revenue order is near 0 (it was 1 when ids followed revenue).
    const rank = new Map(byRevenue.map((f, i) => [f.id, i]));
    const n = byId.length;
    const d2 = byId.reduce((sum, f, i) => sum + (i - (rank.get(f.id) ?? 0)) ** 2, 0);
    expect(Math.abs(1 - (6 * d2) / (n * (n * n - 1)))).toBeLessThan(0.1);
  });

  it('suffixes every synthetic name or title with （示例）, and only real facts carry synthetic: false', () => {
    const bad: string[] = [];
    for (const rows of graph.nodes.values()) {
      for (const row of rows) {
        const text = (row.name ?? row.title) as string | undefined;
        if (row.synthetic === true && text !== undefined && !text.endsWith('（示例）')) bad.push(text);
        if (row.synthetic !== true && row.synthetic !== false) bad.push(`${String(row.id)} has no synthetic flag`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('builds a credit code whose check character the validator accepts and rejects when altered', () => {
    const code = syntheticCreditCode('410402', 1);
    expect(code).toHaveLength(18);
    expect(validateCreditCode(code)).toBeNull();
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(validateCreditCode(wrong)).not.toBeNull();
  });

  it('rejects a scale outside 1..100', () => {
    expect(() => generateSeed(0)).toThrow(/scale must be 1\.\.100/);
    expect(() => generateSeed(1.5)).toThrow(/scale must be 1\.\.100/);
  });
});

describe('validateGraph (seed rows are checked before anything is written)', () => {
  it('accepts the generated city', () => {
    expect(() => validateGraph(generateSeed(1))).not.toThrow();
  });

  it('rejects bad rows naming label, id, field, value and rule, all at once', () => {
    const g = new GraphBuilder();
    g.node('Enterprise', { id: 'e1', name: 'x（示例）', creditCode: '91350100M000100Y44', synthetic: true });
    g.node('Region', { id: 'r1', code: '4104', name: 'y', synthetic: true });
    g.node('AnnualReport', { id: 'a1', year: 1800, revenue: -5, synthetic: true });
    g.rel('HOLDS', 'Enterprise', 'e1', 'Qualification', 'q', { grantedYear: 2024.5 });
    let error: unknown;
    try {
      validateGraph(g);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedValidationError);
    const problems = (error as SeedValidationError).problems;
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^Enterprise e1: creditCode = "91350100M000100Y44": .*expected "3"/);
    expect(problems.some((p) => /^Region r1: code = "4104"/.test(p))).toBe(true);
    expect(problems.some((p) => /^AnnualReport a1: year = 1800/.test(p))).toBe(true);
    expect(problems.some((p) => /^AnnualReport a1: revenue = -5/.test(p))).toBe(true);
    expect(problems.some((p) => /^HOLDS e1->q: grantedYear = 2024\.5/.test(p))).toBe(true);
  });
});
