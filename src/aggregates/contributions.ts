import { LAB_KINDS, PLATFORM_METRICS, QUALIFICATION_METRICS, RULE_DEFAULTS } from '../domain';
import { toBigIntOrNull, toNumberOrNull } from '../db';

/**
 * What one subject (an enterprise, a person, a platform, a project) adds to the maintained counters, in the compact
 * form stored on its Contribution node: `scoped` marks (`<metric>|<part>@<year>@<amount>`) count once in every one of
 * its `scopes` (`<regionCode or *>|<chainId or *>`), `explicit` marks (`<key>@<year>@<amount>`) once under their own
 * key; `gaps` are its entries in the gap lists (`<gap>@<year>@<rank>`, in every scope). A counter's key is
 * `<metric>|<part>|<region>|<chain>`, parts: v value, n new in the year, u numerator, d denominator; year 0 means
 * "every year" (read cumulatively, like a platform counted from its approval year on).
 */
export interface Contribution {
  scopes: string[];
  scoped: string[];
  explicit: string[];
  gaps: string[];
}

export const EMPTY: Contribution = { scopes: [], scoped: [], explicit: [], gaps: [] };

/** The years a Year may take (src/domain/year.ts): a validity or secondment is counted within them only. */
const FIRST_YEAR = 1949;
const LAST_YEAR = 2100;

function yearsBetween(from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = Math.max(from, FIRST_YEAR); y <= Math.min(to, LAST_YEAR); y++) years.push(y);
  return years;
}

/** Every scope of a subject in these regions and chains: each with `*` (no filter), crossed. */
export function scopesOf(regions: readonly string[], chains: readonly string[]): string[] {
  const r = ['*', ...[...new Set(regions)].sort()];
  const c = ['*', ...[...new Set(chains)].sort()];
  return r.flatMap((region) => c.map((chain) => `${region}|${chain}`));
}

/** Unique and in a fixed order: a contribution compares equal to itself whatever order Cypher collected it in. */
const sorted = (values: string[]): string[] => [...new Set(values)].sort();

const mark = (metricPart: string, year: number, amount: number | bigint = 1): string =>
  `${metricPart}@${year}@${amount.toString()}`;

/** The qualification metric counting each Qualification.code (src/domain/metrics.ts, read the other way). */
const METRIC_OF_QUALIFICATION: Record<string, string> = Object.fromEntries(
  Object.entries(QUALIFICATION_METRICS).map(([metric, code]) => [code, metric]),
);

/** The platform metric counting each `kind|level` (src/domain/metrics.ts, read the other way). */
const METRIC_OF_PLATFORM: Record<string, string> = Object.fromEntries(
  Object.entries(PLATFORM_METRICS).map(([metric, { kind, level }]) => [`${kind}|${level}`, metric]),
);

/** The platform kinds that make a lab partner (shared/labPartnerChains). */
const LAB_KIND_SET: ReadonlySet<string> = new Set(LAB_KINDS);

/**
 * The version of what a contribution holds: a rebuild stamps it on the state, and counters built by an older version
 * are rebuilt at start (src/aggregates/backgroundRebuild.ts). 2: the disclosure parts (`|p`, `|a`). 3: the partner
 * counts (`PARTNER_PEERS|…`).
 */
export const CONTRIBUTION_VERSION = 3;

/**
 * The counters of the partner suggestions (cypher/partners/partnerSuggestionsMaintained.cypher): per candidate, the
 * enterprises that work with it, by industry class, by county and division, by set of chain segments, and in all.
 */
export const PARTNER_PEERS = 'PARTNER_PEERS';

/**
 * Segment sets up to this size are counted: a firm in at most this many segments reads its segment peers from the
 * counters (by inclusion–exclusion over the subsets of its segments), one in more counts them live.
 */
export const PARTNER_SEGMENT_SUBSETS = 3;

/**
 * The division of a GB/T 4754 code as the partner suggestions take it ('C2651' → 'C26', '2651' → '26'): the
 * statement's `CASE WHEN code =~ '[A-Za-z].*' THEN left(code, 3) ELSE left(code, 2) END`.
 */
export function partnerDivisionOf(code: string): string {
  return /^[A-Za-z]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
}

/** The nonempty subsets of `items` (kept in their order) with at most `max` members. */
function subsetsUpTo(items: readonly string[], max: number): string[][] {
  const out: string[][] = [];
  const grow = (from: number, picked: string[]) => {
    for (let i = from; i < items.length; i++) {
      const next = [...picked, items[i] as string];
      out.push(next);
      if (next.length < max) grow(i + 1, next);
    }
  };
  grow(0, []);
  return out;
}

/**
 * An enterprise's partner marks: once per candidate it works with, under its industry class, under each county it is
 * located in with its division, under every set of at most {@link PARTNER_SEGMENT_SUBSETS} of its segments (a set's
 * counter then counts the firms in all of them: what inclusion–exclusion needs to count a firm in several of a
 * reader's segments once), and under `served` (the candidate's load). Separators: `|` between parts, `,` between
 * segment ids.
 */
function partnerMarks(f: Pick<EnterpriseFacts, 'industryCode' | 'counties' | 'segments' | 'worksWith'>): string[] {
  const worksWith = [...new Set(f.worksWith ?? [])];
  if (worksWith.length === 0) return [];
  const groups: string[] = [];
  const code = f.industryCode ?? null;
  if (code !== null) {
    groups.push(`industry|${code}`);
    const division = partnerDivisionOf(code);
    for (const county of new Set(f.counties ?? [])) groups.push(`county|${county}|${division}`);
  }
  const segments = [...new Set(f.segments)].sort();
  for (const set of subsetsUpTo(segments, PARTNER_SEGMENT_SUBSETS)) groups.push(`segment|${set.join(',')}`);
  // The candidate's load (partners/served): every firm that works with it.
  groups.push('served');
  return groups.flatMap((group) => worksWith.map((cand) => mark(`${PARTNER_PEERS}|${group}|${cand}`, 0)));
}

/** The counter of enterprises with an AnnualReport of the year (the public population of R1–R4's cells). */
export const REPORTED = 'REPORTED_ENTERPRISES';

/** Rules R1–R4 with their default thresholds and the per-year flag that makes an enterprise compliant. */
const REVENUE_RULES = [
  { metric: 'R1_COMPLIANCE', gap: 'R1', min: RULE_DEFAULTS.R1.minRevenue, flag: 'rd' },
  { metric: 'R2_COMPLIANCE', gap: 'R2', min: RULE_DEFAULTS.R2.minRevenue, flag: 'landmark' },
  { metric: 'R3_COMPLIANCE', gap: 'R3', min: RULE_DEFAULTS.R3.minRevenue, flag: 'consortium' },
  { metric: 'R4_COMPLIANCE', gap: 'R4', min: RULE_DEFAULTS.R4.minRevenue, flag: 'techLeader' },
] as const;

/** A row of cypher/aggregates/enterpriseFacts.cypher, as plain values. */
export interface EnterpriseFacts {
  exists: boolean;
  regions: string[];
  chains: string[];
  leadingChain: boolean;
  backbone: boolean;
  foundedYear: unknown;
  holds: { code: string; from: unknown; to: unknown }[];
  firstPlatformYear: unknown;
  years: {
    year: unknown;
    revenue: unknown;
    aboveScale: boolean;
    aboveScaleRevenue: unknown;
    rd: boolean;
    landmark: boolean;
    consortium: boolean;
    techLeader: boolean;
    missing: string[] | null;
  }[];
  segments: string[];
  universities: { chain: string; count: unknown }[];
  /** Absent in facts read by an older statement: no partner marks. */
  industryCode?: string | null;
  counties?: string[];
  worksWith?: string[];
}

/**
 * What an enterprise adds: every enterprise metric, the R1–R4 and 四有 gap entries, segment and university counts, and
 * its partner marks.
 */
export function enterpriseContribution(f: EnterpriseFacts): Contribution {
  if (!f.exists) return EMPTY;
  const scoped: string[] = [mark('INDUSTRIAL_ENTERPRISES|v', 0)];
  const explicit: string[] = [];
  const gaps: string[] = [];
  const founded = toNumberOrNull(f.foundedYear);
  if (founded !== null) scoped.push(mark('INDUSTRIAL_ENTERPRISES|n', founded));

  // Qualifications: held in a year (granted ≤ year ≤ valid until), granted in it; any code: innovative.
  const heldBy = new Map<string, Set<number>>();
  const grantedBy = new Map<string, Set<number>>();
  const innovative = new Set<number>();
  for (const h of f.holds) {
    const from = toNumberOrNull(h.from);
    const to = toNumberOrNull(h.to);
    if (from === null) continue;
    const years = to === null ? [] : yearsBetween(from, to);
    years.forEach((y) => innovative.add(y));
    const metric = METRIC_OF_QUALIFICATION[h.code];
    if (metric === undefined) continue;
    const held = heldBy.get(metric) ?? new Set<number>();
    years.forEach((y) => held.add(y));
    heldBy.set(metric, held);
    // New in its granted year, whatever its validity (the live statement's row filter and CASE).
    if (from >= FIRST_YEAR && from <= LAST_YEAR) {
      grantedBy.set(metric, (grantedBy.get(metric) ?? new Set<number>()).add(from));
    }
  }
  for (const [metric, years] of heldBy) years.forEach((y) => scoped.push(mark(`${metric}|v`, y)));
  for (const [metric, years] of grantedBy) years.forEach((y) => scoped.push(mark(`${metric}|n`, y)));
  for (const y of innovative) {
    scoped.push(mark('INNOVATIVE_ENTERPRISES|v', y));
    if (!innovative.has(y - 1)) scoped.push(mark('INNOVATIVE_ENTERPRISES|n', y));
  }

  // Per report year: the revenue rules and 四有.
  for (const y of f.years) {
    const year = toNumberOrNull(y.year);
    if (year === null) continue;
    const revenue = toBigIntOrNull(y.revenue);
    // The public cells behind R1–R4 (src/queries/disclosure.ts): every enterprise with a report of the year, and
    // those with each rule's attribute, whatever their revenue (cypher/disclosure/: the same counts, live).
    scoped.push(mark(`${REPORTED}|p`, year));
    for (const rule of REVENUE_RULES) if (y[rule.flag]) scoped.push(mark(`${rule.metric}|a`, year));
    for (const rule of REVENUE_RULES) {
      if (revenue === null || revenue < rule.min) continue;
      scoped.push(mark(`${rule.metric}|d`, year));
      if (y[rule.flag]) scoped.push(mark(`${rule.metric}|u`, year));
      else gaps.push(`${rule.gap}@${year}@${revenue.toString()}`);
    }
    if (y.aboveScale) {
      scoped.push(mark('FOUR_HAVES_COVERAGE|d', year));
      if ((y.missing ?? []).length === 0) scoped.push(mark('FOUR_HAVES_COVERAGE|u', year));
      else gaps.push(`R6@${year}@${(toBigIntOrNull(y.aboveScaleRevenue) ?? -1n).toString()}`);
    }
  }

  // R5 with its default (leading chains only): counted from year 0; compliant from its first platform's approval.
  if (f.backbone && (f.leadingChain || !RULE_DEFAULTS.R5.leadingChainsOnly)) {
    scoped.push(mark('R5_COMPLIANCE|d', 0));
    const first = toNumberOrNull(f.firstPlatformYear);
    if (first !== null) scoped.push(mark('R5_COMPLIANCE|u', first));
  }

  for (const segment of f.segments) {
    for (const region of ['*', ...new Set(f.regions)])
      explicit.push(`SEGMENT_ENTERPRISES|count|${region}|${segment}@0@1`);
  }
  for (const { chain, count } of f.universities) {
    const n = toNumberOrNull(count) ?? 0;
    if (n > 0) explicit.push(`UNIVERSITY_PARTNERS|count|*|${chain}@0@${n}`);
  }
  explicit.push(...partnerMarks(f));
  return {
    scopes: scopesOf(f.regions, f.chains),
    scoped: sorted(scoped),
    explicit: sorted(explicit),
    gaps: sorted(gaps),
  };
}

/** A row of cypher/aggregates/personFacts.cypher. */
export interface PersonFacts {
  secondments: { from: unknown; to: unknown; regions: string[]; chains: string[] }[];
}

/** What a person adds to TECH_DEPUTIES: once per year and scope of any secondment covering it, whatever the count. */
export function personContribution(f: PersonFacts): Contribution {
  const explicit = new Set<string>();
  for (const s of f.secondments) {
    const from = toNumberOrNull(s.from);
    const to = toNumberOrNull(s.to);
    if (from === null || to === null || from > to) continue;
    for (const scope of scopesOf(s.regions, s.chains)) {
      for (const y of yearsBetween(from, to)) explicit.add(`TECH_DEPUTIES|v|${scope}@${y}@1`);
      if (from >= FIRST_YEAR && from <= LAST_YEAR) explicit.add(`TECH_DEPUTIES|n|${scope}@${from}@1`);
    }
  }
  return { scopes: [], scoped: [], explicit: [...explicit].sort(), gaps: [] };
}

/** A row of cypher/aggregates/platformFacts.cypher. */
export interface PlatformFacts {
  exists: boolean;
  kind: string | null;
  level: string | null;
  approvedYear: unknown;
  merged: boolean;
  regions: string[];
  chains: string[];
  labChains: string[];
}

/** What a platform adds: its platform metric from its approval year on (unless merged), and lab partner counts. */
export function platformContribution(f: PlatformFacts): Contribution {
  if (!f.exists) return EMPTY;
  const scoped: string[] = [];
  const explicit: string[] = [];
  const metric = METRIC_OF_PLATFORM[`${f.kind}|${f.level}`];
  const approved = toNumberOrNull(f.approvedYear);
  if (metric !== undefined && approved !== null && !f.merged) {
    scoped.push(mark(`${metric}|v`, approved), mark(`${metric}|n`, approved));
  }
  if (f.kind !== null && LAB_KIND_SET.has(f.kind)) {
    for (const chain of new Set(f.labChains)) explicit.push(`LAB_PARTNERS|count|*|${chain}@0@1`);
  }
  return {
    scopes: scoped.length > 0 ? scopesOf(f.regions, f.chains) : [],
    scoped: sorted(scoped),
    explicit: sorted(explicit),
    gaps: [],
  };
}

/** A row of cypher/aggregates/projectFacts.cypher. */
export interface ProjectFacts {
  exists: boolean;
  year: unknown;
  status: string | null;
  level: string | null;
  funding: unknown;
  regions: string[];
  chains: string[];
}

const NATIONAL_PROVINCIAL_LEVELS = new Set(['NATIONAL', 'PROVINCIAL']);
const NATIONAL_PROVINCIAL_STATUSES = new Set(['APPROVED', 'FUNDED', 'COMPLETED']);

/** What a project adds in its year: collected R&D activities, national/provincial projects and their funding. */
export function projectContribution(f: ProjectFacts): Contribution {
  const year = toNumberOrNull(f.year);
  if (!f.exists || year === null) return EMPTY;
  const scoped: string[] = [];
  if (f.status === 'COLLECTED') scoped.push(mark('RD_ACTIVITIES_COLLECTED|v', year));
  if (
    f.level !== null &&
    NATIONAL_PROVINCIAL_LEVELS.has(f.level) &&
    f.status !== null &&
    NATIONAL_PROVINCIAL_STATUSES.has(f.status)
  ) {
    scoped.push(mark('NATIONAL_PROVINCIAL_PROJECTS|v', year));
    const funding = toBigIntOrNull(f.funding) ?? 0n;
    if (funding !== 0n) scoped.push(mark('NATIONAL_PROVINCIAL_PROJECT_FUNDING|v', year, funding));
  }
  return {
    scopes: scoped.length > 0 ? scopesOf(f.regions, f.chains) : [],
    scoped: sorted(scoped),
    explicit: [],
    gaps: [],
  };
}

/** A counter's id: its key and year. */
export const counterId = (key: string, year: number): string => `${key}@${year}`;

/** Every counter a contribution adds to, by counter id, with the amount (bigint: funding sums are exact). */
export function expand(c: Contribution): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const add = (id: string, amount: bigint) => out.set(id, (out.get(id) ?? 0n) + amount);
  for (const m of c.scoped) {
    const [metricPart, year, amount] = m.split('@') as [string, string, string];
    for (const scope of c.scopes) add(counterId(`${metricPart}|${scope}`, Number(year)), BigInt(amount));
  }
  for (const m of c.explicit) {
    const [key, year, amount] = m.split('@') as [string, string, string];
    add(counterId(key, Number(year)), BigInt(amount));
  }
  return out;
}

/** What applying `next` over `previous` changes: the nonzero differences, by counter id. */
export function delta(previous: Contribution, next: Contribution): Map<string, bigint> {
  const out = expand(next);
  for (const [id, amount] of expand(previous)) out.set(id, (out.get(id) ?? 0n) - amount);
  for (const [id, amount] of out) if (amount === 0n) out.delete(id);
  return out;
}

/** Whether two contributions are the same (then nothing is written). */
export function sameContribution(a: Contribution, b: Contribution): boolean {
  const eq = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return eq(a.scopes, b.scopes) && eq(a.scoped, b.scoped) && eq(a.explicit, b.explicit) && eq(a.gaps, b.gaps);
}
