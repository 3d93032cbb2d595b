import type { GraphBuilder, Label } from './graphBuilder';
import { Random } from './random';
import { addReports, type Firm, REVIEW_YEAR } from './reports';
import { chainId, chains, GAPS, segmentId } from './reference/industry';
import {
  type AcademicOrg,
  institutes,
  LETTER_SOURCE,
  localInstitutes,
  namedAchievements,
  namedPlatforms,
  SYNTHETIC_SOURCE,
  universities,
  YAOSHAN_ID,
} from './reference/organisations';
import { CITY_CODE, regionId } from './reference/regions';

const S = SYNTHETIC_SOURCE;
const chainIndex = (key: string): number => chains.findIndex((c) => c.key === key);
const NO_LAB = new Set(GAPS.chainsWithoutLab.map(chainIndex));
const NO_UNI = new Set(GAPS.chainsWithoutUniversity.map(chainIndex));
const UNI_IDS = universities.map((u) => u.id);

/**
 * Academic partners with their disciplines as chain indexes: the universities, then the institutes (the letter's,
 * the fictitious external ones, the city's own).
 */
interface Academic {
  id: string;
  label: 'University' | 'ResearchInstitute';
  disciplines: number[];
  popularity: number;
}
const academic =
  (label: Academic['label']) =>
  (o: AcademicOrg): Academic => ({
    id: o.id,
    label,
    disciplines: o.disciplines.map(chainIndex),
    popularity: o.popularity,
  });
const ACADEMIA: readonly Academic[] = [
  ...universities.map(academic('University')),
  ...[...institutes, ...localInstitutes].map(academic('ResearchInstitute')),
];
const popularity = (o: Academic): number => o.popularity;
/** The chain a GB/T 4754 class belongs to (each class belongs to one chain). */
const CHAIN_OF_CODE = new Map(chains.flatMap((c, ci) => c.industryCodes.map((code) => [code, ci] as const)));
/** The discipline a firm needs: its chain's, or for a firm in no chain the chain its industry class belongs to. */
const disciplineOf = (f: Firm): number => (f.chain >= 0 ? f.chain : (CHAIN_OF_CODE.get(f.industryCode) ?? -1));
/** Partners of a kind; of a discipline when there are any (else every one of the kind). */
function partnersOf(label: Academic['label'], discipline: number): Academic[] {
  const kind = ACADEMIA.filter((o) => o.label === label);
  const fit = kind.filter((o) => o.disciplines.includes(discipline));
  return fit.length > 0 ? fit : kind;
}
/** Share of a firm's partner choices made by discipline; the rest go to any organisation, by popularity. */
const BY_DISCIPLINE = 0.8;
const COOPERATION_KINDS = ['联合研发', '技术转让', '共建研发中心', '人才培养'];

/** Platforms, people, cooperation, consortia, results, projects, funds, policies, contests and targets. */
export function addActivities(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  for (const i of localInstitutes) {
    g.node('ResearchInstitute', {
      id: i.id,
      name: i.name,
      kind: i.kind,
      local: i.local,
      source: S,
      synthetic: true,
    });
    g.rel('LOCATED_IN', 'ResearchInstitute', i.id, 'Region', regionId(i.regionCode ?? CITY_CODE));
  }
  const byChain = chains.map((_, ci) => firms.filter((f) => f.chain === ci));
  const chainFirms = (ci: number): Firm[] => byChain[ci] ?? [];
  addPlatforms(g, rnd, scale, firms, chainFirms);
  for (const f of firms) addReports(g, rnd, f);
  const nylonDeputy = addPeopleAndCooperation(g, rnd, scale, firms).get(chainIndex('nylon')) ?? 'person-deputy-0';
  addConsortia(g, rnd, scale, chainFirms);
  addResults(g, rnd, scale, firms);
  addProjects(g, rnd, scale, firms, chainFirms);
  addPoliciesAndContests(g, rnd, scale, firms);
  addTargets(g);
  linkNamedFirms(g, nylonDeputy);
}

/**
 * The letter's named firms get the links their place in the city implies, so that their neighbourhoods show an
 * innovation ecosystem and not only suppliers: 中国平煤神马集团 in the nylon chain it leads (its two upstream
 * segments), cooperating with 平顶山学院 and 河南省科学院, a member of the nylon chain's first consortium, with a
 * 科技副总 of the first batch (the first one seconded to a nylon firm, so of the nylon discipline; person-deputy-0 if
 * there were none); the 高新区's mining-equipment firms in that chain, cooperating with 平顶山工业职业技术学院.
 * These links are demo data (their descriptions end in （示例）), added last so that the random draws before them —
 * and with them every letter figure F1–F21 — stay as they were; none touches a chain left without a partner on
 * purpose (GAPS).
 */
function linkNamedFirms(g: GraphBuilder, nylonDeputy: string): void {
  const pmsm = 'ent-pmsm';
  g.rel('OPERATES_IN', 'Enterprise', pmsm, 'ChainSegment', segmentId('nylon', 0), { mainProduct: '己二酸（示例）' });
  g.rel('OPERATES_IN', 'Enterprise', pmsm, 'ChainSegment', segmentId('nylon', 1), { mainProduct: '尼龙66盐（示例）' });
  g.rel('LEADS_CHAIN', 'Enterprise', pmsm, 'IndustryChain', chainId('nylon'), { sinceYear: 2021 });
  g.rel('COOPERATES_WITH', 'Enterprise', pmsm, 'University', 'uni-pdsu', {
    kind: '共建研发中心（示例）',
    sinceYear: 2022,
  });
  g.rel('COOPERATES_WITH', 'Enterprise', pmsm, 'ResearchInstitute', 'inst-hnas', {
    kind: '联合研发（示例）',
    sinceYear: 2021,
  });
  // consortium-0: the first consortium of the first chain (nylon), see addConsortia.
  g.rel('MEMBER_OF', 'Enterprise', pmsm, 'Consortium', 'consortium-0');
  g.rel('SECONDED_TO', 'Person', nylonDeputy, 'Enterprise', pmsm, {
    programme: '科技副总',
    batch: 1,
    fromYear: 2024,
    toYear: 2026,
  });
  for (const id of ['ent-aitong', 'ent-tiefulai', 'ent-yuexin']) {
    g.rel('OPERATES_IN', 'Enterprise', id, 'ChainSegment', segmentId('mining-eq', 1), {
      mainProduct: '智能矿山装备（示例）',
    });
    g.rel('COOPERATES_WITH', 'Enterprise', id, 'University', 'uni-pdsgy', {
      kind: '人才培养（示例）',
      sinceYear: 2023,
    });
  }
}

function platform(
  g: GraphBuilder,
  id: string,
  name: string,
  kind: string,
  level: string,
  approvedYear: number | null,
): string {
  return g.node('Platform', { id, name, kind, level, approvedYear, source: S, synthetic: true });
}

function addPlatforms(
  g: GraphBuilder,
  rnd: Random,
  scale: number,
  firms: Firm[],
  chainFirms: (ci: number) => Firm[],
): void {
  for (const p of namedPlatforms) {
    g.node('Platform', {
      id: p.id,
      name: p.name,
      kind: p.kind,
      level: p.level,
      approvedYear: null,
      source: LETTER_SOURCE,
      synthetic: false,
    });
    for (const h of p.hosts) {
      const label: Label = h.orgId.startsWith('ent-')
        ? 'Enterprise'
        : h.orgId.startsWith('uni-')
          ? 'University'
          : 'ResearchInstitute';
      g.rel('HOSTS', label, h.orgId, 'Platform', p.id, { role: h.role });
    }
  }
  // F11: 12 provincial/ministerial platforms merged into Yaoshan Laboratory (names not public: synthetic).
  for (let i = 1; i <= 12; i++) {
    const id = platform(
      g,
      `plat-merged-${i}`,
      `省重点实验室${i}号（并入尧山实验室）（示例）`,
      'KEY_LABORATORY',
      'PROVINCIAL',
      2015 + (i % 8),
    );
    g.rel('MERGED_INTO', 'Platform', id, 'Platform', YAOSHAN_ID);
  }

  const host = (f: Firm, pid: string): void => {
    f.hostsPlatform = true;
    g.rel('HOSTS', 'Enterprise', f.id, 'Platform', pid, { role: 'LEAD' });
  };
  // Engineering research centres: F7 provincial 141 (10 in 2024), F8 municipal 520 (55 in 2024). Backbone firms
  // of the leading chains host first (R5: 全覆盖); the rest go to other large firms.
  const leadingBackbone = firms.filter(
    (f) => f.backbone && f.chain >= 0 && (chains[f.chain] as { leading: boolean }).leading,
  );
  const otherBackbone = firms.filter((f) => f.backbone && !leadingBackbone.includes(f) && rnd.chance(0.5));
  const big = rnd.shuffle(firms.filter((f) => f.revenue >= 100_000_000 && !f.backbone));
  const ercHosts = [
    ...leadingBackbone,
    ...otherBackbone,
    ...big,
    ...rnd.shuffle(firms.filter((f) => f.revenue < 100_000_000)),
  ];
  let h = 0;
  const centres: [string, string, number, number][] = [
    ['PROVINCIAL', '省级工程技术研究中心', 141, 10],
    ['MUNICIPAL', '市级工程技术研究中心', 520, 55],
  ];
  for (const [level, label, total, fresh] of centres) {
    for (let i = 0; i < total * scale; i++) {
      const f = ercHosts[h++ % ercHosts.length] as Firm;
      const year = i < fresh * scale ? REVIEW_YEAR : rnd.int(2008, REVIEW_YEAR - 1);
      const pid = platform(
        g,
        `plat-erc-${level.toLowerCase()}-${i}`,
        `${f.name.replace('有限公司（示例）', '')}${label}（示例）`,
        'ENGINEERING_RESEARCH_CENTER',
        level,
        year,
      );
      host(f, pid);
      if (f.chain >= 0)
        g.rel('SERVES', 'Platform', pid, 'IndustryChain', chainId((chains[f.chain] as { key: string }).key));
    }
  }
  // F9: municipal key laboratories 105 (10 in 2024): lab kind, so never near the chains built without a lab.
  const labChains = chains.map((_, i) => i).filter((i) => !NO_LAB.has(i));
  for (let i = 0; i < 105 * scale; i++) {
    const year = i < 10 * scale ? REVIEW_YEAR : rnd.int(2010, REVIEW_YEAR - 1);
    const ci = labChains[i % labChains.length] as number;
    const pid = platform(
      g,
      `plat-keylab-${i}`,
      `${(chains[ci] as { name: string }).name.replace('（示例）', '')}市级重点实验室${i}（示例）`,
      'KEY_LABORATORY',
      'MUNICIPAL',
      year,
    );
    g.rel('SERVES', 'Platform', pid, 'IndustryChain', chainId((chains[ci] as { key: string }).key));
    if (i % 3 === 0) g.rel('HOSTS', 'University', rnd.pick(UNI_IDS.slice(0, 4)), 'Platform', pid, { role: 'LEAD' });
    else {
      const f = rnd.pick(chainFirms(ci));
      if (!g.hasRel('HOSTS', f.id, pid)) host(f, pid);
    }
    const partner = rnd.pick(chainFirms(ci));
    if (!g.hasRel('HOSTS', partner.id, pid)) g.rel('PARTNERS_WITH', 'Platform', pid, 'Enterprise', partner.id);
  }
  // F10: provincial incubators 16 (3 in 2024), hosted by universities and institutes.
  for (let i = 0; i < 16 * scale; i++) {
    const pid = platform(
      g,
      `plat-incubator-${i}`,
      `省级科技企业孵化器${i}号（示例）`,
      'INCUBATOR',
      'PROVINCIAL',
      i < 3 * scale ? REVIEW_YEAR : rnd.int(2012, REVIEW_YEAR - 1),
    );
    g.rel('HOSTS', 'University', UNI_IDS[i % 4] as string, 'Platform', pid, { role: 'LEAD' });
  }
}

/**
 * People and 产学研 cooperation, following disciplines: a researcher's expertise is of their employer's disciplines,
 * a 科技副总 comes from an organisation of the discipline of the firm they are seconded to, and a firm's partners are
 * mostly (BY_DISCIPLINE) of its discipline — its chain's, or for a firm in no chain the chain of its industry class —
 * and otherwise any organisation, the popular ones (the local universities, 河南省科学院) more often. So the partners of
 * firms like a given firm predict its own, which a "most connected partners" ranking does not.
 * The shared stream advances exactly as when partners were drawn uniformly from 12 organisations: new choices draw
 * from generators seeded by the draws they replace (Random.seededBy), so every later figure stays where it was.
 */
function addPeopleAndCooperation(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): Map<number, string> {
  // F15: the first batch of 35 科技副总, seconded 2024–2026; never from a university into a chain built without one.
  // Returned: the first 科技副总 seconded into each chain.
  const firstDeputy = new Map<number, string>();
  const candidates = rnd.shuffle(firms.filter((f) => f.chain >= 0 && f.revenue >= 20_000_000));
  for (let i = 0; i < 35 * scale; i++) {
    const f = candidates[i % candidates.length] as Firm;
    const fromUni = !NO_UNI.has(f.chain) && i % 3 !== 0;
    const employer = rnd.weighted(partnersOf(fromUni ? 'University' : 'ResearchInstitute', f.chain), popularity);
    const id = g.node('Person', {
      id: `person-deputy-${i}`,
      name: `科技副总${i + 1}号（示例）`,
      degree: '博士',
      title: rnd.pick(['教授', '研究员', '副教授']),
      expertise: [rnd.pick((chains[f.chain] as (typeof chains)[number]).expertise)],
      source: S,
      synthetic: true,
    });
    g.rel('EMPLOYED_BY', 'Person', id, employer.label, employer.id);
    if (!firstDeputy.has(f.chain)) firstDeputy.set(f.chain, id);
    if (!g.hasRel('SECONDED_TO', id, f.id)) {
      g.rel('SECONDED_TO', 'Person', id, 'Enterprise', f.id, {
        programme: '科技副总',
        batch: 1,
        fromYear: 2024,
        toYear: 2026,
      });
    }
  }
  // Researchers, 150 per scale unit: first one for each discipline of each organisation (so that its staff show all
  // its disciplines), then by popularity. They draw from their own generator, seeded by 500 draws per scale unit of
  // the shared stream: what the 100 researchers per unit drew when the letter figures were calibrated.
  const staff = Random.seededBy(Array.from({ length: 500 * scale }, () => rnd.next()));
  const everyDiscipline = ACADEMIA.flatMap((o) => o.disciplines.map((d) => [o, d] as const));
  const terms = (ci: number): readonly string[] => (chains[ci] as (typeof chains)[number]).expertise;
  for (let i = 0; i < 150 * scale; i++) {
    const covering = everyDiscipline[i];
    const employer = covering ? covering[0] : staff.weighted(ACADEMIA, popularity);
    const discipline = covering ? covering[1] : staff.pick(employer.disciplines);
    const id = g.node('Person', {
      id: `person-researcher-${i}`,
      name: `研究人员${i + 1}号（示例）`,
      degree: staff.pick(['博士', '硕士']),
      title: staff.pick(['教授', '副教授', '研究员', '高级工程师']),
      expertise: [staff.pick(terms(discipline)), staff.pick(terms(staff.pick(employer.disciplines)))].filter(
        (x, j, a) => a.indexOf(x) === j,
      ),
      source: S,
      synthetic: true,
    });
    g.rel('EMPLOYED_BY', 'Person', id, employer.label, employer.id);
  }
  // 产学研: the same firms cooperate as before (same condition, same draws); firms of a chain built without a
  // university partner only cooperate with institutes. About 30% of them have a second partner, so that a firm whose
  // partner is hidden (a benchmark hides 20% of these links) usually still shows its discipline's partners.
  for (const f of firms) {
    if (!(f.fourHaves && f.revenue >= 20_000_000) && !rnd.chance(0.03)) continue;
    const withUni = !NO_UNI.has(f.chain);
    // The one or two draws a uniform "university or institute? which one?" took seed this firm's own choices.
    const own = Random.seededBy(withUni ? [rnd.next(), rnd.next()] : [rnd.next()]);
    const allowed = ACADEMIA.filter((o) => withUni || o.label === 'ResearchInstitute');
    const choose = (not?: Academic): Academic | undefined => {
      const open = allowed.filter((o) => o !== not);
      const fit = open.filter((o) => o.disciplines.includes(disciplineOf(f)));
      const byDiscipline = own.chance(BY_DISCIPLINE) && fit.length > 0;
      return open.length > 0 ? own.weighted(byDiscipline ? fit : open, popularity) : undefined;
    };
    const cooperate = (partner: Academic, kind: string, sinceYear: number): void =>
      g.rel('COOPERATES_WITH', 'Enterprise', f.id, partner.label, partner.id, { kind, sinceYear });
    const first = choose() as Academic;
    cooperate(first, rnd.pick(COOPERATION_KINDS), rnd.int(2015, REVIEW_YEAR));
    const second = own.chance(0.3) ? choose(first) : undefined;
    if (second) cooperate(second, own.pick(COOPERATION_KINDS), own.int(2015, REVIEW_YEAR));
  }
  return firstDeputy;
}

function addConsortia(g: GraphBuilder, rnd: Random, scale: number, chainFirms: (ci: number) => Firm[]): void {
  // Led by backbone firms; R3 leaves some firms above 10亿 without any consortium. Academic members are of the
  // chain's discipline (one draw each, as before).
  let n = 0;
  chains.forEach((c, ci) => {
    const members = chainFirms(ci);
    for (let k = 0; k < 2 * scale; k++) {
      const leader = members[k * 3];
      if (!leader) continue;
      const id = g.node('Consortium', {
        id: `consortium-${n++}`,
        name: `${c.name.replace('（示例）', '')}创新联合体${k + 1}（示例）`,
        level: 'PROVINCIAL',
        recognizedYear: rnd.int(2022, REVIEW_YEAR),
        source: S,
        synthetic: true,
      });
      g.rel('LEADS', 'Enterprise', leader.id, 'Consortium', id);
      g.rel('TARGETS', 'Consortium', id, 'IndustryChain', chainId(c.key));
      for (const m of rnd.shuffle(members.slice(20 * scale)).slice(0, 4)) {
        if (m !== leader) g.rel('MEMBER_OF', 'Enterprise', m.id, 'Consortium', id);
      }
      if (!NO_UNI.has(ci))
        g.rel('MEMBER_OF', 'University', rnd.weighted(partnersOf('University', ci), popularity).id, 'Consortium', id);
      const institute = rnd.weighted(partnersOf('ResearchInstitute', ci), popularity);
      g.rel('MEMBER_OF', 'ResearchInstitute', institute.id, 'Consortium', id);
    }
  });
}

function addResults(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  for (const a of namedAchievements) {
    g.node('Achievement', {
      id: a.id,
      title: a.title,
      kind: a.kind,
      year: a.year,
      landmark: true,
      source: LETTER_SOURCE,
      synthetic: false,
    });
    g.rel('ACHIEVED', 'Platform', a.by, 'Achievement', a.id);
  }
  // R2: about two thirds of the firms above 5亿 have a landmark result of 2022–2024; some only an older one.
  firms.slice(0, 120 * scale).forEach((f, i) => {
    const r = rnd.next();
    if (r > 0.8) return;
    const year = r < 0.65 ? rnd.int(2022, REVIEW_YEAR) : rnd.int(2016, 2020);
    const id = g.node('Achievement', {
      id: `ach-landmark-${i}`,
      title: `${f.name.replace('（示例）', '')}标志性成果（示例）`,
      kind: rnd.pick(['PRODUCT', 'TECHNOLOGY', 'STANDARD']),
      year,
      landmark: true,
      source: S,
      synthetic: true,
    });
    g.rel('ACHIEVED', 'Enterprise', f.id, 'Achievement', id);
  });
  for (let i = 0; i < 1000 * scale; i++) {
    const f = rnd.pick(firms);
    const id = g.node('Achievement', {
      id: `ach-patent-${i}`,
      title: `发明专利${i + 1}（示例）`,
      kind: 'PATENT',
      year: rnd.int(2018, REVIEW_YEAR),
      landmark: false,
      source: S,
      synthetic: true,
    });
    g.rel('ACHIEVED', 'Enterprise', f.id, 'Achievement', id);
  }
  // F16: 10 provincial S&T progress awards of 2023.
  for (let i = 0; i < 10 * scale; i++) {
    const id = g.node('Achievement', {
      id: `ach-award-2023-${i}`,
      title: `河南省科学技术进步奖（2023）获奖项目${i + 1}（示例）`,
      kind: 'AWARD',
      year: 2023,
      landmark: true,
      source: S,
      synthetic: true,
    });
    if (i % 2 === 0) g.rel('ACHIEVED', 'University', UNI_IDS[i % 4] as string, 'Achievement', id);
    else g.rel('ACHIEVED', 'Enterprise', (firms[200 + i] as Firm).id, 'Achievement', id);
  }
}

function addProjects(
  g: GraphBuilder,
  rnd: Random,
  scale: number,
  firms: Firm[],
  chainFirms: (ci: number) => Firm[],
): void {
  const project = (
    id: string,
    name: string,
    level: string,
    programme: string,
    year: number,
    funding: number | null,
    status: string,
  ): string => g.node('Project', { id, name, level, programme, year, funding, status, source: S, synthetic: true });
  const undertake = (orgId: string, pid: string): void =>
    g.rel('UNDERTAKES', 'Enterprise', orgId, 'Project', pid, { role: 'LEAD' });
  // F12: 139 major R&D activities collected into the project library.
  for (let i = 0; i < 139 * scale; i++) {
    const ci = i % chains.length;
    const f = rnd.pick(chainFirms(ci));
    const pid = project(
      `proj-collected-${i}`,
      `重大科研活动${i + 1}（示例）`,
      'MUNICIPAL',
      '重大科研活动',
      REVIEW_YEAR,
      null,
      'COLLECTED',
    );
    undertake(f.id, pid);
    g.rel('ADDRESSES', 'Project', pid, 'IndustryChain', chainId((chains[ci] as { key: string }).key));
  }
  // F13: 53 national and provincial projects approved in 2024 with 8104万 in all; the letter names three
  // undertakers of central-guided projects (real firms, synthetic project names and amounts).
  const named = ['ent-aitong', 'ent-tiefulai', 'ent-yuexin'];
  for (let u = 0; u < scale; u++) {
    const amounts = rnd.split(81_040_000, 53, 10_000);
    amounts.forEach((funding, i) => {
      const national = i < 8;
      const pid = project(
        `proj-approved-${u}-${i}`,
        `${national ? '中央引导地方科技发展项目' : '省级科技计划项目'}${i + 1}（示例）`,
        national ? 'NATIONAL' : 'PROVINCIAL',
        national ? '中央引导地方科技发展资金' : '河南省科技计划',
        REVIEW_YEAR,
        funding,
        'APPROVED',
      );
      undertake(u === 0 && i < 3 ? (named[i] as string) : rnd.pick(firms.slice(0, 700 * scale)).id, pid);
    });
  }
  // F14: the provincial industry R&D joint fund's first batch, 37 activities, 7720万 (7700余万), in 2025.
  const jointFund = g.node('Fund', {
    id: 'fund-joint-provincial-1',
    name: '河南省产业研发联合基金（首批）',
    level: 'PROVINCIAL',
    year: 2025,
    budget: 77_200_000 * scale,
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const fields = ['特种石墨', '半导体碳化硅', '电子靶材'];
  const materials = [chainIndex('graphite'), chainIndex('sic'), chainIndex('electronics')];
  for (let u = 0; u < scale; u++) {
    rnd.split(77_200_000, 37, 10_000).forEach((awarded, i) => {
      const pid = project(
        `proj-joint-${u}-${i}`,
        `${fields[i % 3]}重大研发活动${i + 1}（示例）`,
        'PROVINCIAL',
        '河南省产业研发联合基金',
        2025,
        awarded,
        'FUNDED',
      );
      undertake(rnd.pick(chainFirms(materials[i % 3] as number)).id, pid);
      g.rel('FUNDED_BY', 'Project', pid, 'Fund', jointFund, { awarded, disbursed: awarded });
    });
  }
  // F18: the 2025 municipal R&D joint fund, 2000万.
  g.node('Fund', {
    id: 'fund-municipal-2025',
    name: '2025年度平顶山市科技研发联合基金',
    level: 'MUNICIPAL',
    year: 2025,
    budget: 20_000_000,
    source: LETTER_SOURCE,
    synthetic: false,
  });
  // F19: 8 nylon-chemical and metal new-materials projects, 1060万, first 80% (848万) paid.
  const f19 = g.node('Fund', {
    id: 'fund-f19-2025',
    name: '尼龙化工及金属新材料领域项目资金（2025）',
    level: 'PROVINCIAL',
    year: 2025,
    budget: 10_600_000,
    source: LETTER_SOURCE,
    synthetic: false,
  });
  rnd.split(10_600_000, 8, 50_000).forEach((awarded, i) => {
    const ci = i % 2 === 0 ? chainIndex('nylon') : chainIndex('plate');
    const pid = project(
      `proj-f19-${i}`,
      `${i % 2 === 0 ? '尼龙化工' : '金属新材料'}项目${i + 1}（示例）`,
      'PROVINCIAL',
      '尼龙化工及金属新材料领域项目',
      2025,
      awarded,
      'FUNDED',
    );
    undertake(rnd.pick(chainFirms(ci)).id, pid);
    g.rel('ADDRESSES', 'Project', pid, 'IndustryChain', chainId((chains[ci] as { key: string }).key));
    g.rel('FUNDED_BY', 'Project', pid, 'Fund', f19, { awarded, disbursed: (awarded * 4) / 5 });
  });
  // 揭榜挂帅 challenges posted by chain firms, some taken by universities (of the chain's discipline when it has any).
  for (let i = 0; i < 20 * scale; i++) {
    const ci = i % chains.length;
    const f = rnd.pick(chainFirms(ci));
    const status = rnd.pick(['OPEN', 'MATCHED', 'COMPLETED']);
    const id = g.node('Challenge', {
      id: `challenge-${i}`,
      title: `揭榜挂帅技术难题${i + 1}（示例）`,
      year: rnd.int(2023, REVIEW_YEAR),
      budget: rnd.int(10, 200) * 100_000,
      status,
      source: S,
      synthetic: true,
    });
    g.rel('POSTED', 'Enterprise', f.id, 'Challenge', id);
    if (status !== 'OPEN')
      g.rel('TOOK', 'University', rnd.weighted(partnersOf('University', ci), popularity).id, 'Challenge', id);
  }
}

function addPoliciesAndContests(g: GraphBuilder, rnd: Random, scale: number, firms: Firm[]): void {
  // F21: the first lists: 1 免申即享 policy and 8 直达快享 policies (names not public: synthetic).
  g.node('Policy', {
    id: 'policy-no-application-1',
    name: '科技型中小企业创新券免申即享（示例）',
    mode: 'NO_APPLICATION',
    source: S,
    synthetic: true,
  });
  for (let i = 1; i <= 8; i++)
    g.node('Policy', {
      id: `policy-direct-${i}`,
      name: `直达快享科技政策${i}号（示例）`,
      mode: 'DIRECT',
      source: S,
      synthetic: true,
    });
  g.node('Policy', {
    id: 'policy-rewards',
    name: '科技创新奖补政策（示例）',
    mode: 'APPLICATION',
    source: S,
    synthetic: true,
  });

  // F16 (2023 winners) and F20 (2024 contest) .
  const contest2023 = g.node('Contest', {
    id: 'contest-henan-2023',
    name: '河南省创新创业大赛（2023）',
    year: 2023,
    level: 'PROVINCIAL',
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const final2024 = g.node('Contest', {
    id: 'contest-henan-2024',
    name: '河南省创新创业大赛总决赛（2024）',
    year: 2024,
    level: 'PROVINCIAL',
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const national2024 = g.node('Contest', {
    id: 'contest-national-2024',
    name: '中国创新创业大赛（2024）',
    year: 2024,
    level: 'NATIONAL',
    source: LETTER_SOURCE,
    synthetic: false,
  });
  const pool = rnd.shuffle(firms.filter((f) => f.revenue < 500_000_000));
  let p = 0;
  const next = (n: number): Firm[] => pool.slice(p, (p += n));
  const winners2023 = next(39 * scale);
  winners2023.forEach((f) =>
    g.rel('COMPETED_IN', 'Enterprise', f.id, 'Contest', contest2023, { stage: '决赛', award: '优胜奖' }),
  );
  next(8 * scale).forEach((f, i) => {
    g.rel('COMPETED_IN', 'Enterprise', f.id, 'Contest', final2024, { stage: '总决赛', award: null });
    g.rel('COMPETED_IN', 'Enterprise', f.id, 'Contest', national2024, {
      stage: '全国半决赛',
      award: i === 0 ? '成长组优秀奖' : null,
    });
  });

  // F17: November 2024 rewards 990.7万 to the 2023 winners (8 gazelles, 14 platforms, 10 awards, 39 contest
  // winners = 71 units) and 400万 of innovation vouchers to 41 more firms: 112 units benefit (110余家).
  const gazelles = firms.filter((f) => g.hasRel('HOLDS', f.id, 'qual-GAZELLE'));
  const platforms = Array.from({ length: 14 * scale }, (_, i) => `plat-erc-municipal-${100 + i}`);
  const awardOrgs: [Label, string][] = Array.from({ length: 10 * scale }, (_, i) =>
    i % 2 === 0 ? ['University', UNI_IDS[i % 4] as string] : ['Enterprise', (firms[200 + i] as Firm).id],
  );
  const seen = new Set<string>();
  const rewarded = [
    ...gazelles.map((f): [Label, string] => ['Enterprise', f.id]),
    ...platforms.map((id): [Label, string] => ['Platform', id]),
    ...awardOrgs,
    ...winners2023.map((f): [Label, string] => ['Enterprise', f.id]),
  ].filter(([, id]) => !seen.has(id) && seen.add(id));
  rnd.split(9_907_000 * scale, rewarded.length, 1_000).forEach((amount, i) => {
    const [label, id] = rewarded[i] as [Label, string];
    g.rel('RECEIVED', label, id, 'Policy', 'policy-rewards', { amount, year: 2024, kind: 'REWARD' });
  });
  // Vouchers go to other firms, so exactly 112 distinct units benefit per scale unit.
  const voucherFirms = pool
    .slice(p)
    .filter((f) => !seen.has(f.id))
    .slice(0, 112 * scale - rewarded.length);
  rnd.split(4_000_000 * scale, voucherFirms.length, 1_000).forEach((amount, i) => {
    g.rel('RECEIVED', 'Enterprise', (voucherFirms[i] as Firm).id, 'Policy', 'policy-no-application-1', {
      amount,
      year: 2024,
      kind: 'VOUCHER',
    });
  });
}

/**
 * The letter's rules as 2024 targets (R1–R6): the review shows which are met (四有 > 80%, R5 全覆盖) and which are
 * still goals (R1–R4 "加快实现").
 */
function addTargets(g: GraphBuilder): void {
  const targets: [string, number, number][] = [
    ['FOUR_HAVES_COVERAGE', 2024, 0.8],
    ['R1_COMPLIANCE', 2024, 1],
    ['R2_COMPLIANCE', 2024, 1],
    ['R3_COMPLIANCE', 2024, 1],
    ['R4_COMPLIANCE', 2024, 1],
    ['R5_COMPLIANCE', 2024, 1],
  ];
  for (const [metric, year, value] of targets) {
    const id = g.node('Target', {
      id: `target-${metric}-${year}`,
      metric,
      year,
      value,
      comparison: 'AT_LEAST',
      source: LETTER_SOURCE,
      synthetic: false,
    });
    g.rel('FOR_REGION', 'Target', id, 'Region', regionId(CITY_CODE));
  }
}
