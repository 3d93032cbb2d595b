import { creditCodeCheckChar } from '../src/domain';
import { addActivities } from './activities';
import { GraphBuilder } from './graphBuilder';
import { Random } from './random';
import { ABOVE_SCALE_REVENUE, type Firm } from './reports';
import { chainId, chains, clusterId, clusters, GAPS, POSITIONS, segmentId } from './reference/industry';
import { institutes, LETTER_SOURCE, namedEnterprises, SYNTHETIC_SOURCE, universities } from './reference/organisations';
import { CITY_CODE, regionId, regions } from './reference/regions';

export const SEED = 20250101;
const S = SYNTHETIC_SOURCE;

/**
 * Revenue bands (2024, yuan) and their firm counts per scale unit: heavy-tailed by construction, so each of the
 * letter's thresholds (1亿, 5亿, 10亿, 100亿) has firms above and below it.
 */
const BANDS: readonly [number, number, number][] = [
  [3, 10_000_000_000, 50_000_000_000],
  [57, 1_000_000_000, 10_000_000_000],
  [60, 500_000_000, 1_000_000_000],
  [580, 100_000_000, 500_000_000],
  [1800, ABOVE_SCALE_REVENUE, 100_000_000],
];
/** F1: 1.1万家工业企业 per scale unit; the letter's 4 named firms are part of the first unit. */
export const FIRMS_PER_UNIT = 11_000;

const NAME_HEADS = [
  '平煤',
  '鹰城',
  '湛河',
  '宝丰',
  '叶县',
  '鲁山',
  '郏县',
  '舞钢',
  '汝州',
  '尧山',
  '白龟湖',
  '石龙',
  '卫东',
  '新华',
  '昭平',
];
const NAME_MIDS = [
  '恒泰',
  '华信',
  '中联',
  '瑞丰',
  '金源',
  '宏达',
  '天成',
  '鑫盛',
  '博远',
  '嘉诚',
  '盛世',
  '新锐',
  '东方',
  '聚力',
  '卓越',
];
const NAME_TRADES = [
  '新材料',
  '机械',
  '化工',
  '电气',
  '科技',
  '能源',
  '制造',
  '建材',
  '食品',
  '纺织',
  '电子',
  '装备',
  '生物',
  '环保',
];
const SYNTHETIC_REGIONS = regions.filter((r) => r.code !== CITY_CODE).map((r) => r.code);
/** Every chain's GB/T 4754 classes: a firm in no chain has one of them, which names the chain it feeds. */
const INDUSTRY_CODES = chains.flatMap((c) => c.industryCodes);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** An 18-character unified social credit code whose check character is right (GB 32100-2015). */
export function syntheticCreditCode(regionCode: string, n: number): string {
  const first17 = `91${regionCode}${String(n).padStart(8, '0')}X`;
  return first17 + creditCodeCheckChar(first17);
}

/** Builds the whole demo graph in memory, deterministically, for `scale` city-sized units of synthetic data. */
export function generateSeed(scale = 1): GraphBuilder {
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error(`scale must be 1..100, got ${scale}`);
  const rnd = new Random(SEED);
  const g = new GraphBuilder();
  addReference(g);
  const firms = addFirms(g, rnd, scale);
  addQualificationsAndReports(g, rnd, scale, firms);
  addSupplyLinks(g, rnd, scale, firms);
  addActivities(g, rnd, scale, firms);
  return g;
}

function addReference(g: GraphBuilder): void {
  for (const r of regions) {
    g.node('Region', {
      id: regionId(r.code),
      code: r.code,
      name: r.name,
      level: r.level,
      source: LETTER_SOURCE,
      synthetic: false,
    });
    if (r.code !== CITY_CODE) g.rel('PART_OF', 'Region', regionId(r.code), 'Region', regionId(CITY_CODE));
  }
  for (const c of clusters) {
    g.node('IndustryCluster', {
      id: clusterId(c.key),
      name: c.name,
      source: c.verified ? LETTER_SOURCE : S,
      synthetic: !c.verified,
    });
  }
  for (const c of chains) {
    const id = chainId(c.key);
    g.node('IndustryChain', {
      id,
      name: c.name,
      leading: c.leading,
      verified: c.verified,
      industryCodes: [...c.industryCodes],
      keywords: [...c.keywords],
      source: c.verified ? LETTER_SOURCE : S,
      synthetic: !c.verified,
    });
    g.rel('IN_CLUSTER', 'IndustryChain', id, 'IndustryCluster', clusterId(c.cluster));
    c.segments.forEach((name, p) => {
      const sid = segmentId(c.key, p);
      g.node('ChainSegment', { id: sid, name: `${name}（示例）`, position: POSITIONS[p], source: S, synthetic: true });
      g.rel('OF_CHAIN', 'ChainSegment', sid, 'IndustryChain', id);
      if (p > 0 && p < 3) g.rel('FEEDS', 'ChainSegment', segmentId(c.key, p - 1), 'ChainSegment', sid);
    });
  }
  for (const e of namedEnterprises) {
    g.node('Enterprise', {
      id: e.id,
      name: e.name,
      aboveScale: true,
      backbone: false,
      source: LETTER_SOURCE,
      synthetic: false,
    });
    g.rel('LOCATED_IN', 'Enterprise', e.id, 'Region', regionId(e.regionCode));
  }
  // Academic partners: the letter's (LETTER_SOURCE) and fictitious ones from elsewhere (synthetic); only local ones
  // have a region. Their disciplines and popularity are generator inputs, not properties.
  for (const [label, orgs] of [
    ['University', universities],
    ['ResearchInstitute', institutes],
  ] as const) {
    for (const o of orgs) {
      g.node(label, {
        id: o.id,
        name: o.name,
        kind: o.kind,
        local: o.local,
        source: o.synthetic ? S : LETTER_SOURCE,
        synthetic: o.synthetic,
      });
      if (o.regionCode) g.rel('LOCATED_IN', label, o.id, 'Region', regionId(o.regionCode));
    }
  }
}

function addFirms(g: GraphBuilder, rnd: Random, scale: number): Firm[] {
  const total = FIRMS_PER_UNIT * scale - namedEnterprises.length;
  const revenues: number[] = [];
  for (const [count, lo, hi] of BANDS) {
    for (let i = 0; i < count * scale; i++) revenues.push(Math.round(rnd.logUniform(lo, hi)));
  }
  while (revenues.length < total) revenues.push(Math.round(rnd.logUniform(1_000_000, ABOVE_SCALE_REVENUE - 1)));
  revenues.sort((a, b) => b - a);

  // Serial numbers (in ids and credit codes) in an order unrelated to revenue: numbering the firms by their revenue
  // rank would let anyone who may not see revenue read it from `ent-000000` being the largest. k → (k·stride + c) mod n is
  // a permutation when stride and n are coprime, and draws nothing from the random stream (the calibration stays).
  const stride = [7_919, 104_729, 1_299_709].find((p) => gcd(p, revenues.length) === 1) ?? 1;
  const serialOf = (k: number): number => (k * stride + 4_243) % revenues.length;
  const names = new Set<string>();
  const firms: Firm[] = revenues.map((revenue, k) => {
    let name = `${rnd.pick(NAME_HEADS)}${rnd.pick(NAME_MIDS)}${rnd.pick(NAME_TRADES)}有限公司（示例）`;
    if (names.has(name)) name = name.replace('有限公司', `${serialOf(k)}号有限公司`);
    names.add(name);
    return {
      id: `ent-${String(serialOf(k)).padStart(6, '0')}`,
      name,
      revenue,
      chain: -1,
      segment: -1,
      industryCode: '',
      backbone: false,
      hostsPlatform: false,
      fourHaves: false,
    };
  });

  // A third of the firms work in the 12 chains (never in the segments left empty on purpose).
  const chainFirms = rnd.shuffle(firms).slice(0, 3600 * scale);
  chainFirms.forEach((f, i) => {
    f.chain = i % chains.length;
    const key = (chains[f.chain] as (typeof chains)[number]).key;
    const open = [0, 1, 2, 3].filter((p) => !GAPS.emptySegments.some(([k, q]) => k === key && q === p));
    f.segment = rnd.pick(open);
  });
  chains.forEach((c, ci) => {
    const members = firms.filter((f) => f.chain === ci); // already in revenue order
    members.slice(0, 8 * scale).forEach((f) => (f.backbone = true));
    const leader = members[0];
    if (leader) g.rel('LEADS_CHAIN', 'Enterprise', leader.id, 'IndustryChain', chainId(c.key), { sinceYear: 2021 });
  });

  firms.forEach((f) => {
    const region = rnd.pick(SYNTHETIC_REGIONS);
    const founded = rnd.int(1985, 2024);
    // One draw, as when the class was unrelated to the chain: the stream after it is unchanged.
    f.industryCode = rnd.pick(
      f.chain >= 0 ? (chains[f.chain] as (typeof chains)[number]).industryCodes : INDUSTRY_CODES,
    );
    g.node('Enterprise', {
      id: f.id,
      creditCode: syntheticCreditCode(region, Number(f.id.slice('ent-'.length)) + 1),
      name: f.name,
      industryCode: f.industryCode,
      foundedOn: `${founded}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
      aboveScale: f.revenue >= ABOVE_SCALE_REVENUE,
      backbone: f.backbone,
      revenue: f.revenue,
      source: S,
      synthetic: true,
    });
    g.rel('LOCATED_IN', 'Enterprise', f.id, 'Region', regionId(region));
    if (f.chain >= 0) {
      const c = chains[f.chain] as (typeof chains)[number];
      g.rel('OPERATES_IN', 'Enterprise', f.id, 'ChainSegment', segmentId(c.key, f.segment), {
        mainProduct: `${c.segments[f.segment]}产品（示例）`,
      });
    }
  });
  return firms;
}

/** Qualification holdings calibrated to F2–F5 and F16, and annual reports calibrated to F6. */
function addQualificationsAndReports(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  const qualNames: Record<string, string> = {
    HIGH_TECH: '高新技术企业',
    TECH_SME: '科技型中小企业',
    INNOVATION_LEADER: '省创新龙头企业',
    GAZELLE: '瞪羚企业',
    SPECIALIZED_NEW: '专精特新企业',
    TECH_LEADER: '科技领军企业',
  };
  for (const [code, name] of Object.entries(qualNames)) {
    g.node('Qualification', { id: `qual-${code}`, code, name, source: LETTER_SOURCE, synthetic: false });
  }
  const hold = (f: Firm, code: string, grantedYear: number, validUntilYear: number): void =>
    g.rel('HOLDS', 'Enterprise', f.id, 'Qualification', `qual-${code}`, { grantedYear, validUntilYear });

  // HIGH_TECH held in 2024 (F3: 443, 75 new): every firm of the two top bands, then a spread of the rest.
  const top = firms.slice(0, 60 * scale);
  const rest = rnd.shuffle(firms.slice(60 * scale));
  const highTech = [...top, ...rest.slice(0, 383 * scale)];
  const others = rest.slice(383 * scale);
  const htNew = new Set(rnd.shuffle(highTech).slice(0, 75 * scale));
  for (const f of highTech) {
    if (htNew.has(f)) hold(f, 'HIGH_TECH', 2024, 2026);
    else {
      const year = rnd.pick([2022, 2023]);
      hold(f, 'HIGH_TECH', year, year + 2);
    }
  }
  // TECH_SME registered for 2024 (F4: 692): 310 also high-tech (the smallest of them), 382 not; F5 = 443 + 382.
  const htBySize = [...highTech].sort((a, b) => a.revenue - b.revenue);
  const smeOnly = others.slice(0, 382 * scale);
  for (const f of [...htBySize.slice(0, 310 * scale), ...smeOnly]) hold(f, 'TECH_SME', 2024, 2024);
  // Outside the 825: certificates that lapsed before 2024, and 2023-only SME registrations.
  const lapsed = others.slice(382 * scale);
  lapsed.slice(0, 100 * scale).forEach((f) => {
    const year = rnd.pick([2020, 2021]);
    hold(f, 'HIGH_TECH', year, year + 2);
  });
  lapsed.slice(100 * scale, 700 * scale).forEach((f) => hold(f, 'TECH_SME', 2023, 2023));

  // Within high-tech firms only, so the distinct count F5 stays 825.
  const htByRevenue = [...highTech].sort((a, b) => b.revenue - a.revenue);
  htByRevenue.slice(0, 8 * scale).forEach((f, i) => hold(f, 'INNOVATION_LEADER', i % 4 === 0 ? 2023 : 2024, 2026)); // F2: 8 / 6 new
  // R4: two of every three firms above 100亿 are tech leaders.
  firms.slice(0, 3 * scale).forEach((f, i) => {
    if (i % 3 !== 2) hold(f, 'TECH_LEADER', 2023, 2025);
  });
  const htMid = rnd.shuffle(htByRevenue.slice(8 * scale));
  htMid.slice(0, 8 * scale).forEach((f) => hold(f, 'GAZELLE', 2023, 2025)); // F16: 8 new gazelles in 2023
  htMid.slice(8 * scale, 68 * scale).forEach((f) => hold(f, 'SPECIALIZED_NEW', 2023, 2025));

  // Annual reports: 2024 flags decide 四有 (F6 > 80%): 83% of above-scale firms have all four.
  for (const f of firms) {
    const above = f.revenue >= ABOVE_SCALE_REVENUE;
    f.fourHaves = above ? rnd.chance(0.83) : rnd.chance(0.1);
  }
  // Firms that will host platforms are chosen in addActivities, which reads `fourHaves`; their reports are
  // written there too, so that a host's report always says it has an R&D institution.
}

/**
 * Supply links: along each chain (a firm supplies one in the next segment) and into 中国平煤神马集团, which becomes
 * the hub a relationship map must handle without exploding (150 suppliers per scale unit).
 */
function addSupplyLinks(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  const hub = namedEnterprises[0].id;
  for (const f of rnd.shuffle(firms).slice(0, 150 * scale)) {
    g.rel('SUPPLIES', 'Enterprise', f.id, 'Enterprise', hub, { product: '原辅材料（示例）' });
  }
  const bySegment = new Map<string, Firm[]>();
  for (const f of firms) {
    if (f.chain < 0) continue;
    const key = `${f.chain}-${f.segment}`;
    bySegment.set(key, [...(bySegment.get(key) ?? []), f]);
  }
  const upstream = chains.map((_, ci) => firms.filter((f) => f.chain === ci && f.segment < 2).slice(0, 200 * scale));
  for (let i = 0; i < 1000 * scale; i++) {
    const from = rnd.pick(upstream[i % chains.length] as Firm[]);
    const next = bySegment.get(`${from.chain}-${from.segment + 1}`);
    if (!next || next.length === 0) continue;
    const to = rnd.pick(next);
    if (!g.hasRel('SUPPLIES', from.id, to.id)) {
      const segments = (chains[from.chain] as (typeof chains)[number]).segments;
      g.rel('SUPPLIES', 'Enterprise', from.id, 'Enterprise', to.id, { product: `${segments[from.segment]}（示例）` });
    }
  }
}
