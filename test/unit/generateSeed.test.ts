import { generateSeed, syntheticCreditCode } from '../../seed/generate';
import { GraphBuilder } from '../../seed/graphBuilder';
import { chains, GAPS } from '../../seed/reference/industry';
import {
  type AcademicOrg,
  institutes,
  localInstitutes,
  namedEnterprises,
  universities,
} from '../../seed/reference/organisations';
import { SeedValidationError, validateGraph } from '../../seed/validateGraph';
import { validateCreditCode, validateIndustryCode } from '../../src/domain';

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
    // F1's 11,000 firms at scale 1, but for the letter's named firms (real ones: no synthetic code).
    expect(codes).toHaveLength(11_000 - namedEnterprises.length);
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

describe('the demo city: cooperation follows disciplines', () => {
  const graph = generateSeed(1);
  const academia: AcademicOrg[] = [...universities, ...institutes, ...localInstitutes];
  const orgs = new Map(academia.map((o) => [o.id, o]));
  const chain = (key: string): (typeof chains)[number] => {
    const c = chains.find((x) => x.key === key);
    if (!c) throw new Error(`no chain ${key}`);
    return c;
  };
  const serves = (term: string, key: string): boolean => chain(key).keywords.some((k) => term.includes(k));
  const rows = (type: string, to?: string): { from: string; to: string; props: Record<string, unknown> }[] =>
    [...graph.rels.values()].filter((g) => g.type === type && (to === undefined || g.to === to)).flatMap((g) => g.rows);
  // A firm's chains: the segments it operates in and the chains it leads.
  const chainsOf = new Map<string, Set<string>>();
  const addChain = (firm: string, key: string): void => {
    chainsOf.set(firm, (chainsOf.get(firm) ?? new Set()).add(key));
  };
  for (const r of rows('OPERATES_IN')) addChain(r.from, r.to.replace(/^segment-/, '').replace(/-\d$/, ''));
  for (const r of rows('LEADS_CHAIN')) addChain(r.from, r.to.replace(/^chain-/, ''));
  const firmsOf = (key: string): Set<string> =>
    new Set([...chainsOf].filter(([, keys]) => keys.has(key)).map(([firm]) => firm));
  const firms = (graph.nodes.get('Enterprise') ?? []).filter((e) => e.synthetic === true);
  const codeChain = new Map(chains.flatMap((c) => c.industryCodes.map((code) => [code, c.key] as const)));
  const firmChain = (e: Record<string, unknown>): string | undefined =>
    [...(chainsOf.get(String(e.id)) ?? [])][0] ?? codeChain.get(String(e.industryCode));
  const disciplineOfFirm = new Map(firms.map((e) => [String(e.id), firmChain(e)]));
  const cooperation = rows('COOPERATES_WITH');

  it('gives every chain real GB/T 4754-2017 classes, no class to two chains', () => {
    const all = chains.flatMap((c) => c.industryCodes);
    expect(all.filter((code) => !/^[A-T]\d{4}$/.test(code) || validateIndustryCode(code) !== null)).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
    for (const c of chains) expect([c.key, c.industryCodes.length > 0]).toEqual([c.key, true]);
  });

  it('gives every chain keywords and three expertise terms, each serving that chain and no other', () => {
    const bad: string[] = [];
    for (const c of chains) {
      if (c.keywords.length === 0) bad.push(`${c.key}: no keywords`);
      if (c.expertise.length !== 3) bad.push(`${c.key}: ${c.expertise.length} expertise terms`);
      for (const term of c.expertise) {
        if (!serves(term, c.key)) bad.push(`${term} does not serve ${c.key}`);
        for (const other of chains) if (other !== c && serves(term, other.key)) bad.push(`${term} serves ${other.key}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('gives every academic organisation 1–3 disciplines, and every chain at least 3 organisations of its own', () => {
    const keys = new Set(chains.map((c) => c.key));
    expect(academia.filter((o) => o.disciplines.length < 1 || o.disciplines.length > 3)).toEqual([]);
    expect(academia.flatMap((o) => o.disciplines).filter((d) => !keys.has(d))).toEqual([]);
    expect(new Set(academia.map((o) => o.id)).size).toBe(academia.length);
    for (const c of chains) {
      const of = academia.filter((o) => o.disciplines.includes(c.key));
      const unis = universities.filter((o) => o.disciplines.includes(c.key));
      const insts = [...institutes, ...localInstitutes].filter((o) => o.disciplines.includes(c.key));
      expect([c.key, of.length >= 3, insts.length >= 1]).toEqual([c.key, true, true]);
      if (!GAPS.chainsWithoutUniversity.includes(c.key)) expect([c.key, unis.length >= 2]).toEqual([c.key, true]);
    }
    // The four local universities stay first: they host the key labs and incubators.
    expect(universities.slice(0, 4).map((u) => u.local)).toEqual([true, true, true, true]);
    expect(universities.filter((u) => u.synthetic).length).toBeGreaterThanOrEqual(20);
    expect(institutes.filter((i) => i.synthetic).length).toBeGreaterThanOrEqual(10);
  });

  it('writes industryCodes and keywords on every IndustryChain node', () => {
    const nodes = graph.nodes.get('IndustryChain') ?? [];
    expect(nodes).toHaveLength(chains.length);
    for (const c of chains) {
      const node = nodes.find((n) => n.id === `chain-${c.key}`);
      expect(node?.industryCodes).toEqual(c.industryCodes);
      expect(node?.keywords).toEqual(c.keywords);
    }
  });

  it("gives a chain firm one of its chain's classes, and a firm in no chain one of some chain's", () => {
    const bad = firms.filter((e) => {
      const keys = [...(chainsOf.get(String(e.id)) ?? [])];
      const code = String(e.industryCode);
      return keys.length > 0 ? !keys.every((k) => chain(k).industryCodes.includes(code)) : !codeChain.has(code);
    });
    expect(bad.map((e) => `${String(e.id)} ${String(e.industryCode)}`)).toEqual([]);
  });

  it("mostly pairs a firm with partners of its discipline: ≥ 60% for the nylon chain's firms", () => {
    const nylonShare = (key: string): number => {
      const inChain = firmsOf(key);
      const partners = cooperation.filter((r) => inChain.has(r.from) && orgs.has(r.to));
      expect(partners.length).toBeGreaterThan(40);
      return partners.filter((r) => orgs.get(r.to)?.disciplines.includes('nylon')).length / partners.length;
    };
    expect(nylonShare('nylon')).toBeGreaterThanOrEqual(0.6);
    expect(nylonShare('food')).toBeLessThan(0.2);
    // Over all firms (in a chain or fed by their class): about 0.8 + 0.2 × chance.
    const synthetic = cooperation.filter((r) => disciplineOfFirm.has(r.from));
    const matching = synthetic.filter((r) => {
      const d = disciplineOfFirm.get(r.from);
      return d !== undefined && orgs.get(r.to)?.disciplines.includes(d);
    });
    expect(matching.length / synthetic.length).toBeGreaterThan(0.75);
    expect(matching.length / synthetic.length).toBeLessThan(0.95);
  });

  it('gives some cooperating firms a second partner, none more', () => {
    const partners = new Map<string, number>();
    for (const r of cooperation) partners.set(r.from, (partners.get(r.from) ?? 0) + 1);
    const synthetic = [...partners].filter(([id]) => disciplineOfFirm.has(id)).map(([, n]) => n);
    expect(Math.max(...synthetic)).toBe(2);
    const twice = synthetic.filter((n) => n === 2).length / synthetic.length;
    expect(twice).toBeGreaterThan(0.2);
    expect(twice).toBeLessThan(0.4);
  });

  it('never lets a university cooperate with, share a consortium with or second a deputy to a textile firm', () => {
    for (const key of GAPS.chainsWithoutUniversity) {
      const inChain = firmsOf(key);
      expect(inChain.size).toBeGreaterThan(0);
      expect(rows('COOPERATES_WITH', 'University').filter((r) => inChain.has(r.from))).toEqual([]);
      const consortia = new Set(
        [...rows('LEADS'), ...rows('MEMBER_OF')].filter((r) => inChain.has(r.from)).map((r) => r.to),
      );
      expect(consortia.size).toBeGreaterThan(0);
      const universityMembers = [...graph.rels.values()]
        .filter((g) => g.type === 'MEMBER_OF' && g.from === 'University')
        .flatMap((g) => g.rows);
      expect(universityMembers.filter((r) => consortia.has(r.to))).toEqual([]);
      const fromUniversity = new Set(rows('EMPLOYED_BY', 'University').map((r) => r.from));
      expect(rows('SECONDED_TO').filter((r) => inChain.has(r.to) && fromUniversity.has(r.from))).toEqual([]);
    }
  });

  it("seconds each 科技副总 from an organisation of the firm's discipline, with that chain's expertise", () => {
    const employer = new Map(rows('EMPLOYED_BY').map((r) => [r.from, r.to]));
    const people = new Map((graph.nodes.get('Person') ?? []).map((p) => [String(p.id), p]));
    const seconded = rows('SECONDED_TO');
    expect(seconded.map((r) => r.from)).toContain('person-deputy-0');
    const bad: string[] = [];
    for (const r of seconded) {
      for (const key of chainsOf.get(r.to) ?? []) {
        const org = orgs.get(employer.get(r.from) ?? '');
        if (!org?.disciplines.includes(key)) bad.push(`${r.from} (${String(org?.id)}) → ${r.to} (${key})`);
        const expertise = (people.get(r.from)?.expertise ?? []) as string[];
        if (!expertise.some((t) => serves(t, key))) bad.push(`${r.from} has no ${key} expertise`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("gives researchers expertise of their employer's disciplines, and every organisation staff in each of them", () => {
    const employer = new Map(rows('EMPLOYED_BY').map((r) => [r.from, r.to]));
    const researchers = (graph.nodes.get('Person') ?? []).filter((p) => String(p.id).startsWith('person-researcher-'));
    expect(researchers).toHaveLength(150);
    const shown = new Set<string>();
    const bad: string[] = [];
    for (const p of researchers) {
      const org = orgs.get(employer.get(String(p.id)) ?? '');
      for (const term of p.expertise as string[]) {
        const keys = org?.disciplines.filter((d) => serves(term, d)) ?? [];
        if (keys.length === 0) bad.push(`${String(p.id)}: ${term} is not of ${String(org?.id)}`);
        for (const k of keys) shown.add(`${String(org?.id)} ${k}`);
      }
    }
    expect(bad).toEqual([]);
    const missing = academia.flatMap((o) => o.disciplines.map((d) => `${o.id} ${d}`)).filter((x) => !shown.has(x));
    expect(missing).toEqual([]);
  });
});

describe("validateGraph (a chain's industryCodes)", () => {
  it('rejects an invalid class in a list of industry codes', () => {
    const g = new GraphBuilder();
    g.node('IndustryChain', { id: 'c1', name: 'x（示例）', industryCodes: ['C2651', 'C9999'], synthetic: true });
    expect(() => validateGraph(g)).toThrow(/IndustryChain c1: industryCodes = \["C2651","C9999"\]: division 99/);
  });
});
