/**
 * Matchmaking benchmark (issue #16, "Must show"): does `suggestPartnersFor` (cypher/partners/partnerSuggestions.cypher)
 * find partners a firm really has, better than naive lists? On a throw-away copy of the demo city:
 *
 * 1. Own Neo4j in a temporary home (deleted at the end unless --keep), migrated, demo city loaded at --scale (1).
 * 2. Hide: every distinct (Enterprise)-[:COOPERATES_WITH]->(University|ResearchInstitute) pair, sorted by
 *    (enterprise id, partner id); a seeded PRNG (mulberry32, seed/random.ts; --seed, default 20261130) shuffles the
 *    list and its first 20 % are deleted from the throw-away database (the pairs are kept in memory). Firms keep
 *    whatever edges they have left, possibly none; every firm with a hidden edge is evaluated.
 * 3. Ask, in statements of --batch (100) firm ids: the evaluated firms' suggestions with limit 10 (recall@10,
 *    precision@10) and limit 50 (MRR), after one untimed warm-up statement. The statement sorts before it cuts, so the
 *    limit-10 list is the limit-50 list's first 10: the run checks it.
 * 4. Two baselines, computed here from one read of the pool and of each evaluated firm's exclusions after hiding, with
 *    the same pool and the same exclusion as the statement: the pool is every University, ResearchInstitute and
 *    Platform not MERGED_INTO another; a firm is never offered a candidate it works with after hiding (COOPERATES_WITH
 *    or HOSTS it, PARTNERS_WITH from it), shares a consortium with, or whose employee is seconded to it (科技副总).
 *    - most-connected: the pool ranked by how many enterprises each candidate works with after hiding (COOPERATES_WITH
 *      in, PARTNERS_WITH out to an Enterprise, HOSTS in from an Enterprise), ties by id — the same list for every firm
 *      but for its exclusions;
 *    - random: a shuffle of the pool per firm, from one seeded stream (seed + 1), firms in id order.
 * 5. Metrics per method: recall@10 = hidden pairs whose partner is in the firm's top 10 / hidden pairs; precision@10 =
 *    mean over evaluated firms of (hidden partners in its top 10) / 10; MRR = mean over evaluated firms of 1 / rank
 *    of the first hidden partner within its top 50 (0 if none). A hidden partner the exclusion rules out (a shared
 *    consortium or a seconded employee) is a miss for every method; the run reports how many there are.
 * 6. Coverage: every above-scale firm (Enterprise.aboveScale = true) of the demo city — on the graph AFTER hiding —
 *    asked with limit 10: the share that gets 3 or more suggestions, and how many get none.
 *
 * 7. Maintained vs live (issue #27): the maintained aggregates are rebuilt after hiding, and steps 3 and 6 run twice,
 *    from the maintained partner counters (cypher/partners/partnerSuggestionsMaintained.cypher; the counters must be
 *    ready before and after) and live (partnerSuggestions.cypher): both runs' metrics are reported, and how many
 *    firms' lists differ between them (expected: none). Then latency, in --rounds rounds alternating the order of the
 *    paths: the floor (one Region by its code, through the same driver and read transaction), one firm asked alone
 *    (--firms evaluated firms, limit 10) and pages of 50 above-scale firms (--pages of them, limit 10), each path's
 *    p50 over its p50 of the floor in the same run.
 *
 * Budgets (issue #16): recall@10 ≥ 2 × the most-connected baseline's; coverage ≥ 95 %. A budget not met is printed,
 * not an error: the exit code is 0 whenever the run completes. Times (total and per-batch p50 of the suggestion
 * statements) are information, not a budget; issue #27's budget (a scale's cost ÷ floor ≤ 1.5 × scale 1's) compares
 * the ratios of runs at two scales.
 *
 *   npx tsx bench/matchmaking.ts [--scale 1] [--seed 20261130] [--batch 100] [--rounds 3] [--firms 20] [--pages 5]
 *     [--latency-only [--uri bolt://127.0.0.1:7698]] [--baseline] [--keep]
 *
 * Writes bench/results/matchmaking-<timestamp>.json; --baseline also writes bench/baseline/matchmaking.json, otherwise
 * the run prints the baseline's numbers (when there is one) next to its own.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadSeed } from '../seed/loadSeed';
import { Random } from '../seed/random';
import { bumpDataVersion, createDriver, migrate, readTx, stopLocalNeo4j, writeTx } from '../src/db';
import { fromRoot } from '../src/paths';
import { expandIncludes } from '../src/db/loadCypher';
import { rebuildAggregates } from '../src/aggregates/rebuild';
import { partnerCountersReady, type PartnerSource, suggestPartnersFor } from '../src/queries/partners';
import { arg, benchNeo4j, run, writeResults } from './harness';

const DATABASE = 'neo4j';
const BASELINE = fromRoot('bench', 'baseline', 'matchmaking.json');
const HIDDEN_SHARE = 0.2;
const TOP = 10;
const LONG = 50;
const MIN_SUGGESTIONS = 3;
const RECALL_BUDGET = 2;
const COVERAGE_BUDGET = 0.95;

const USAGE = `usage: npm run bench:matchmaking -- [options]
  --scale N      demo city scale to load (default 1)
  --seed N       seed of the hidden 20 % and of the random baseline (default 20261130)
  --batch N      firm ids per suggestion statement (default 100)
  --rounds N     latency rounds (default 3)
  --firms N      firms asked one at a time per round (default 20)
  --pages N      pages of 50 firms per round (default 5)
  --baseline     also write bench/baseline/matchmaking.json (otherwise compare with it)
  --latency-only hide and rebuild, then only step 7's latency (no metrics: a quicker run at a large scale)
  --keep         keep the throw-away Neo4j home (stopped) instead of deleting it
  --help         this text
Hides 20 % of the (Enterprise)-[:COOPERATES_WITH]->(University|ResearchInstitute) pairs on a throw-away demo city and
reports recall@10, precision@10 and MRR of the hidden partners for the partner suggestions, a most-connected and a
random baseline, and the share of above-scale firms with >= 3 suggestions. Budgets: recall@10 >= 2 x most-connected;
coverage >= 95 %. Also compares the suggestions from the maintained partner counters with the live statement's
(metrics, differing lists, latency over the floor). See bench/README.md.`;

interface Options {
  scale: number;
  seed: number;
  batch: number;
  rounds: number;
  firms: number;
  pages: number;
  baseline: boolean;
  keep: boolean;
  latencyOnly: boolean;
}

/** One hidden cooperation: a firm and the university or institute it cooperates with. */
interface Pair {
  enterprise: string;
  partner: string;
}

/** A candidate of the pool and how many enterprises it works with after hiding. */
interface Candidate {
  id: string;
  served: number;
}

/** Each evaluated firm's candidate ids, best first. */
type Ranking = Map<string, readonly string[]>;

/** Wall-clock times of one series of suggestion statements, in ms. */
interface Timing {
  statements: number;
  totalMs: number;
  p50Ms: number;
  maxMs: number;
}

interface MethodScore {
  method: string;
  recallAt10: number;
  precisionAt10: number;
  mrr: number;
  hitsAt10: number;
  /** recall@10 over the most-connected baseline's. */
  recallOverMostConnected: number;
}

interface Coverage {
  aboveScale: number;
  atLeastThree: number;
  none: number;
  share: number;
}

interface Report {
  scale: number;
  seed: number;
  batch: number;
  seedMs: number;
  pairs: { total: number; hidden: number; evaluatedFirms: number; ruledOut: number };
  pool: number;
  methods: MethodScore[];
  coverage: Coverage;
  timing: { evaluationLimit10: Timing; evaluationLimit50: Timing; coverageLimit10: Timing; totalMs: number };
  prefixMismatches: number;
  budgets: { recall: boolean; coverage: boolean };
  /** The same run from the live statement, and the latency of both paths over the floor (issue #27). */
  maintained: {
    rebuildMs: number;
    live: { methods: MethodScore[]; coverage: Coverage; timing: Report['timing'] };
    /** Firms whose list differs between the counters and the live statement (limit 10, limit 50, coverage). */
    differing: { limit10: number; limit50: number; coverage: number };
    latency: Latency;
  };
}

/** p50s in ms of the floor and of each path, and each over the floor's. */
interface Latency {
  rounds: number;
  /** Firms asked whose list (ids and scores) differs between the counters and the live statement (expected: 0). */
  differing: number;
  floorP50: number;
  oneFirm: PathLatency;
  page50: PathLatency;
}

interface PathLatency {
  statements: number;
  maintainedP50: number;
  liveP50: number;
  maintainedOverFloor: number;
  liveOverFloor: number;
}

function parseOptions(): Options {
  const number = (name: string, fallback: string): number => {
    const value = Number(arg(name, fallback));
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return {
    scale: number('scale', '1'),
    seed: number('seed', '20261130'),
    batch: number('batch', '100'),
    rounds: number('rounds', '3'),
    firms: number('firms', '20'),
    pages: number('pages', '5'),
    baseline: process.argv.includes('--baseline'),
    keep: process.argv.includes('--keep'),
    latencyOnly: process.argv.includes('--latency-only'),
  };
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The median of some numbers (NaN for none). */
function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
}

/** Consecutive slices of `size` items. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every distinct firm → university/institute cooperation, sorted by (enterprise id, partner id). */
async function readPairs(driver: Driver): Promise<Pair[]> {
  return readTx(driver, { database: DATABASE }, async (tx) => {
    const result = await tx.run(
      `MATCH (e:Enterprise)-[:COOPERATES_WITH]->(p)
       WHERE p:University OR p:ResearchInstitute
       RETURN DISTINCT e.id AS enterprise, p.id AS partner ORDER BY enterprise, partner`,
    );
    return result.records.map((r) => ({
      enterprise: r.get('enterprise') as string,
      partner: r.get('partner') as string,
    }));
  });
}

/** The seeded 20 % of the pairs, sorted as the input. */
function pickHidden(pairs: readonly Pair[], seed: number): Pair[] {
  const n = Math.round(pairs.length * HIDDEN_SHARE);
  const picked = new Set(new Random(seed).shuffle(pairs.map((_, i) => i)).slice(0, n));
  return pairs.filter((_, i) => picked.has(i));
}

/** Deletes the hidden pairs' COOPERATES_WITH relationships; returns how many relationships went. */
async function deletePairs(driver: Driver, hidden: readonly Pair[]): Promise<number> {
  return writeTx(driver, { database: DATABASE }, async (tx) => {
    const result = await tx.run(
      `UNWIND $pairs AS pair
       MATCH (e:Enterprise {id: pair.enterprise})-[r:COOPERATES_WITH]->(p)
       WHERE p.id = pair.partner AND (p:University OR p:ResearchInstitute)
       DELETE r
       RETURN count(r) AS deleted`,
      { pairs: hidden },
    );
    await bumpDataVersion(tx);
    return Number(result.records[0]?.get('deleted'));
  });
}

/** A statement of the bench's with `// #include` lines expanded: the suggestion statement's own definitions. */
function withIncludes(text: string): string {
  return expandIncludes(text, (name) => readFileSync(fromRoot('cypher', `${name}.cypher`), 'utf8'));
}

/** The candidate pool after hiding, most connected first (ties by id). */
async function readPool(driver: Driver): Promise<Candidate[]> {
  return readTx(driver, { database: DATABASE }, async (tx) => {
    const result = await tx.run(
      withIncludes(`MATCH (cand)
       WHERE (cand:University OR cand:ResearchInstitute OR cand:Platform) AND NOT EXISTS { (cand)-[:MERGED_INTO]->() }
       // #include partners/served
       RETURN cand.id AS id, served ORDER BY served DESC, id`),
    );
    return result.records.map((r) => ({ id: r.get('id') as string, served: Number(r.get('served')) }));
  });
}

/** Each firm's candidates the suggestion statement never offers it (its exclusion rules, after hiding). */
async function readExclusions(driver: Driver, firms: readonly string[]): Promise<Map<string, Set<string>>> {
  return readTx(driver, { database: DATABASE }, async (tx) => {
    const result = await tx.run(
      withIncludes(`UNWIND $firms AS id
       MATCH (e:Enterprise {id: id})
       OPTIONAL MATCH (cand)
       WHERE (cand:University OR cand:ResearchInstitute OR cand:Platform) AND
         // #include partners/existingPartner
       RETURN id, collect(cand.id) AS excluded`),
      { firms },
    );
    return new Map(result.records.map((r) => [r.get('id') as string, new Set(r.get('excluded') as string[])]));
  });
}

/** Suggestions for the firms, `batch` ids per statement, each statement timed; an id without any maps to []. */
async function suggest(
  driver: Driver,
  firms: readonly string[],
  limit: number,
  batch: number,
  source: PartnerSource,
): Promise<{ ranking: Ranking; timing: Timing }> {
  const ranking: Map<string, readonly string[]> = new Map(firms.map((id) => [id, []]));
  const times: number[] = [];
  for (const ids of chunks(firms, batch)) {
    const started = process.hrtime.bigint();
    const found = await readTx(driver, { database: DATABASE }, (tx) =>
      suggestPartnersFor(tx, ids, limit, null, source),
    );
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    for (const [id, suggestions] of found)
      ranking.set(
        id,
        suggestions.map((s) => s.id),
      );
  }
  const totalMs = Math.round(times.reduce((a, b) => a + b, 0));
  return {
    ranking,
    timing: {
      statements: times.length,
      totalMs,
      p50Ms: Math.round(median(times)),
      maxMs: Math.round(Math.max(...times)),
    },
  };
}

/** The first `LONG` candidates of `ordered` that the firm may be offered. */
function allowed(ordered: readonly Candidate[], excluded: ReadonlySet<string> | undefined): string[] {
  const out: string[] = [];
  for (const c of ordered) {
    if (out.length === LONG) break;
    if (!excluded?.has(c.id)) out.push(c.id);
  }
  return out;
}

/** Baseline (a): the pool by how many enterprises each candidate works with, for every firm (pool is so sorted). */
function mostConnected(
  pool: readonly Candidate[],
  firms: readonly string[],
  excluded: Map<string, Set<string>>,
): Ranking {
  return new Map(firms.map((id) => [id, allowed(pool, excluded.get(id))]));
}

/** Baseline (b): a seeded shuffle of the pool per firm, firms in the given (id) order from one stream. */
function randomRanking(
  pool: readonly Candidate[],
  firms: readonly string[],
  excluded: Map<string, Set<string>>,
  seed: number,
): Ranking {
  const random = new Random(seed + 1);
  return new Map(firms.map((id) => [id, allowed(random.shuffle(pool), excluded.get(id))]));
}

/** recall@10, precision@10 and MRR (top 50) of the hidden partners in a method's lists. */
function score(
  method: string,
  top10: Ranking,
  top50: Ranking,
  hiddenOf: Map<string, Set<string>>,
): Omit<MethodScore, 'recallOverMostConnected'> {
  let hidden = 0;
  let hits = 0;
  let precision = 0;
  let reciprocal = 0;
  for (const [firm, partners] of hiddenOf) {
    const found = (top10.get(firm) ?? []).slice(0, TOP).filter((id) => partners.has(id)).length;
    hidden += partners.size;
    hits += found;
    precision += found / TOP;
    const rank = (top50.get(firm) ?? []).slice(0, LONG).findIndex((id) => partners.has(id));
    reciprocal += rank < 0 ? 0 : 1 / (rank + 1);
  }
  return {
    method,
    recallAt10: round(hits / hidden),
    precisionAt10: round(precision / hiddenOf.size),
    mrr: round(reciprocal / hiddenOf.size),
    hitsAt10: hits,
  };
}

/** Evaluated firms whose limit-10 list is not the first 10 of their limit-50 list (expected: none). */
function prefixMismatches(top10: Ranking, top50: Ranking): number {
  let n = 0;
  for (const [id, ten] of top10) {
    const fifty = (top50.get(id) ?? []).slice(0, TOP);
    if (ten.length !== fifty.length || ten.some((x, i) => x !== fifty[i])) n++;
  }
  return n;
}

/** Above-scale firms (after hiding) asked with limit 10: how many get ≥ 3 suggestions, how many none. */
/** The above-scale firms (Enterprise.aboveScale = true), by id. */
async function aboveScaleFirms(driver: Driver): Promise<string[]> {
  return readTx(driver, { database: DATABASE }, async (tx) => {
    const result = await tx.run('MATCH (e:Enterprise) WHERE e.aboveScale = true RETURN e.id AS id ORDER BY id');
    return result.records.map((r) => r.get('id') as string);
  });
}

async function coverage(
  driver: Driver,
  batch: number,
  source: PartnerSource,
): Promise<{ coverage: Coverage; timing: Timing; ranking: Ranking }> {
  const firms = await aboveScaleFirms(driver);
  const { ranking, timing } = await suggest(driver, firms, TOP, batch, source);
  const counts = [...ranking.values()].map((list) => list.length);
  const atLeastThree = counts.filter((n) => n >= MIN_SUGGESTIONS).length;
  return {
    coverage: {
      aboveScale: firms.length,
      atLeastThree,
      none: counts.filter((n) => n === 0).length,
      share: round(atLeastThree / firms.length),
    },
    timing,
    ranking,
  };
}

/** Firms whose lists differ between two rankings of the same firms. */
function differing(a: Ranking, b: Ranking): number {
  let n = 0;
  for (const [id, list] of a) {
    const other = b.get(id) ?? [];
    if (list.length !== other.length || list.some((x, i) => x !== other[i])) n++;
  }
  return n;
}

/** Wall-clock ms of one call. */
async function timed(once: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await once();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Latency of the floor, one firm and a page of 50, from the counters and live, in `rounds` rounds alternating the
 * order of the paths (floor, maintained, live; then live, maintained, floor; …) so that the machine's drift hits them
 * alike; each path is warmed up once (plans, page cache) before the first round.
 */
async function latency(driver: Driver, o: Options, evaluated: readonly string[]): Promise<Latency> {
  const random = new Random(o.seed + 2);
  const single = random.shuffle([...evaluated]).slice(0, o.firms);
  const pages = chunks(random.shuffle(await aboveScaleFirms(driver)), 50).slice(0, o.pages);
  const floorCode = await readTx(driver, { database: DATABASE }, async (tx) => {
    const result = await tx.run('MATCH (r:Region) RETURN r.code AS code ORDER BY r.code LIMIT 1');
    return result.records[0]?.get('code') as string;
  });
  const ask = (ids: string[], source: PartnerSource) => () =>
    readTx(driver, { database: DATABASE }, (tx) => suggestPartnersFor(tx, ids, TOP, null, source));
  const floor = () =>
    readTx(driver, { database: DATABASE }, (tx) =>
      tx.run('MATCH (r:Region {code: $code}) RETURN r.code AS code', { code: floorCode }),
    );
  const runs: Record<string, { items: (() => Promise<unknown>)[]; times: number[] }> = {
    floor: { items: Array.from({ length: o.firms }, () => floor), times: [] },
    oneMaintained: { items: single.map((id) => ask([id], 'auto')), times: [] },
    oneLive: { items: single.map((id) => ask([id], 'live')), times: [] },
    pageMaintained: { items: pages.map((ids) => ask(ids, 'auto')), times: [] },
    pageLive: { items: pages.map((ids) => ask(ids, 'live')), times: [] },
  };
  // Warm-up, untimed, which also checks that both paths give every firm asked the same list.
  const lists = new Map<string, string>();
  let differing = 0;
  for (const ids of [...single.map((id) => [id]), ...pages]) {
    for (const source of ['auto', 'live'] as const) {
      const found = await ask(ids, source)();
      for (const [id, suggestions] of found) {
        const list = JSON.stringify(suggestions.map((x) => [x.id, x.score]));
        if (source === 'auto') lists.set(id, list);
        else if (lists.get(id) !== list) differing++;
      }
    }
  }
  await floor();
  const order = Object.keys(runs);
  for (let round = 0; round < o.rounds; round++) {
    for (const name of round % 2 === 0 ? order : [...order].reverse()) {
      const run = runs[name] as (typeof runs)[string];
      for (const item of run.items) run.times.push(await timed(item));
    }
  }
  const p50 = (name: string) => round(median((runs[name] as (typeof runs)[string]).times), 1);
  const floorP50 = p50('floor');
  const ofPaths = (maintained: string, live: string): PathLatency => ({
    statements: (runs[maintained] as (typeof runs)[string]).times.length,
    maintainedP50: p50(maintained),
    liveP50: p50(live),
    maintainedOverFloor: round(p50(maintained) / floorP50, 1),
    liveOverFloor: round(p50(live) / floorP50, 1),
  });
  return {
    rounds: o.rounds,
    differing,
    floorP50,
    oneFirm: ofPaths('oneMaintained', 'oneLive'),
    page50: ofPaths('pageMaintained', 'pageLive'),
  };
}

/** The previous baseline run's report, when there is one. */
function readBaseline(): Report | undefined {
  return existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as Report) : undefined;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** The markdown table, with the baseline run's recall@10 and MRR next to each method's when there is one. */
function table(report: Report, previous: Report | undefined): string {
  const before = (method: string): MethodScore | undefined => previous?.methods.find((m) => m.method === method);
  const head = previous
    ? [
        '| method | recall@10 | precision@10 | MRR | recall@10 / most-connected | baseline run: recall@10 | MRR |',
        '|---|---|---|---|---|---|---|',
      ]
    : ['| method | recall@10 | precision@10 | MRR | recall@10 / most-connected |', '|---|---|---|---|---|'];
  const rows = report.methods.map((m) => {
    const cells = [m.method, m.recallAt10, m.precisionAt10, m.mrr, `${m.recallOverMostConnected}×`];
    if (previous) cells.push(before(m.method)?.recallAt10 ?? '–', before(m.method)?.mrr ?? '–');
    return `| ${cells.join(' | ')} |`;
  });
  return [...head, ...rows].join('\n');
}

/** Coverage, timings and the budgets' verdicts, in words. */
function summary(report: Report, previous: Report | undefined): string {
  const c = report.coverage;
  const t = report.timing;
  const was = previous ? ` (baseline run: ${pct(previous.coverage.share)}, ${previous.coverage.none} with none)` : '';
  const suggested = report.methods[0] as MethodScore;
  const series = (name: string, s: Timing, b: Timing | undefined) =>
    `${name}: ${s.statements} statements, ${s.totalMs} ms, p50 ${s.p50Ms} ms, max ${s.maxMs} ms` +
    (b ? ` (baseline run: p50 ${b.p50Ms} ms)` : '');
  return [
    `scale ${report.scale}, seed ${report.seed}: ${report.pairs.hidden} of ${report.pairs.total} firm–university/institute pairs hidden, ${report.pairs.evaluatedFirms} firms evaluated, ${report.pairs.ruledOut} hidden partners ruled out by the exclusion rules (a miss for every method); pool ${report.pool} candidates`,
    `coverage (graph after hiding): ${c.atLeastThree} of ${c.aboveScale} above-scale firms get ≥ ${MIN_SUGGESTIONS} suggestions = ${pct(c.share)}; ${c.none} get none${was}`,
    `time (${report.batch} firms per statement): ${series('evaluation limit 10', t.evaluationLimit10, previous?.timing.evaluationLimit10)}; ${series('evaluation limit 50', t.evaluationLimit50, previous?.timing.evaluationLimit50)}; ${series('coverage limit 10', t.coverageLimit10, previous?.timing.coverageLimit10)}; whole run ${Math.round(t.totalMs / 1000)} s (seed ${Math.round(report.seedMs / 1000)} s)`,
    report.prefixMismatches > 0
      ? `WARNING: ${report.prefixMismatches} firms' limit-10 list is not the first 10 of their limit-50 list`
      : 'limit-10 lists = first 10 of the limit-50 lists for every evaluated firm',
    `budget recall@10 ≥ ${RECALL_BUDGET} × most-connected: ${report.budgets.recall ? 'MET' : 'NOT MET'} (${suggested.recallOverMostConnected}×)`,
    `budget coverage ≥ ${pct(COVERAGE_BUDGET)}: ${report.budgets.coverage ? 'MET' : 'NOT MET'} (${pct(c.share)})`,
    maintainedSummary(report),
  ].join('\n');
}

/** The metrics of the suggestions from one source, with each series' rankings and timings. */
async function scoreSource(
  driver: Driver,
  o: Options,
  source: PartnerSource,
  firms: readonly string[],
  hiddenOf: Map<string, Set<string>>,
  baselines: Omit<MethodScore, 'recallOverMostConnected'>[],
) {
  // Warm-up, untimed: the first run of the statement plans it and reads the store from disk into the page cache.
  await suggest(driver, firms.slice(0, o.batch), LONG, o.batch, source);
  const ten = await suggest(driver, firms, TOP, o.batch, source);
  const fifty = await suggest(driver, firms, LONG, o.batch, source);
  console.error(`${source}: limit 10 in ${ten.timing.totalMs} ms, limit 50 in ${fifty.timing.totalMs} ms`);
  const scores = [score('suggestPartnersFor', ten.ranking, fifty.ranking, hiddenOf), ...baselines];
  const floor = (scores[1] as MethodScore).recallAt10;
  const methods = scores.map((s) => ({ ...s, recallOverMostConnected: round(s.recallAt10 / floor, 2) }));
  const covered = await coverage(driver, o.batch, source);
  console.error(
    `${source}: coverage ${covered.coverage.atLeastThree}/${covered.coverage.aboveScale} in ${covered.timing.totalMs} ms`,
  );
  return { ten, fifty, methods, covered };
}

/** True when the suggestions read the maintained partner counters. */
function countersReady(driver: Driver): Promise<boolean> {
  return readTx(driver, { database: DATABASE }, (tx) => partnerCountersReady(tx));
}

/** Maintained vs live, in words: the live run's metrics, differing lists, latency over the floor. */
function maintainedSummary(report: Report): string {
  const m = report.maintained;
  const live = m.live.methods[0] as MethodScore;
  const ours = report.methods[0] as MethodScore;
  const l = m.latency;
  const line = (name: string, x: PathLatency) =>
    `${name} (${x.statements} statements): maintained p50 ${x.maintainedP50} ms = ${x.maintainedOverFloor}× floor, live p50 ${x.liveP50} ms = ${x.liveOverFloor}× floor`;
  return [
    `maintained vs live: recall@10 ${ours.recallAt10} vs ${live.recallAt10}, MRR ${ours.mrr} vs ${live.mrr}, coverage ${pct(report.coverage.share)} vs ${pct(m.live.coverage.share)}; lists differing: limit 10 ${m.differing.limit10}, limit 50 ${m.differing.limit50}, coverage ${m.differing.coverage}; rebuild ${m.rebuildMs} ms`,
    `live series: limit 10 ${m.live.timing.evaluationLimit10.totalMs} ms (p50 ${m.live.timing.evaluationLimit10.p50Ms}), limit 50 ${m.live.timing.evaluationLimit50.totalMs} ms (p50 ${m.live.timing.evaluationLimit50.p50Ms}), coverage ${m.live.timing.coverageLimit10.totalMs} ms (p50 ${m.live.timing.coverageLimit10.p50Ms})`,
    `latency (${l.rounds} rounds; floor p50 ${l.floorP50} ms; ${l.differing} lists differing): ${line('one firm', l.oneFirm)}; ${line('page of 50', l.page50)}`,
  ].join('\n');
}

/** Hides the seeded 20 % of the pairs and rebuilds the maintained aggregates from the graph after it. */
async function hideAndRebuild(driver: Driver, o: Options) {
  const pairs = await readPairs(driver);
  const hidden = pickHidden(pairs, o.seed);
  const deleted = await deletePairs(driver, hidden);
  if (deleted < hidden.length) throw new Error(`deleted ${deleted} relationships for ${hidden.length} hidden pairs`);
  const hiddenOf = new Map<string, Set<string>>();
  for (const p of hidden) hiddenOf.set(p.enterprise, (hiddenOf.get(p.enterprise) ?? new Set()).add(p.partner));
  const firms = [...hiddenOf.keys()].sort();
  console.error(`hidden ${hidden.length} of ${pairs.length} pairs (${deleted} relationships); ${firms.length} firms`);
  // The hiding bypassed the upkeep: the counters are built from the graph after it.
  const rebuilt = await rebuildAggregates(driver, DATABASE);
  if (!rebuilt.rebuilt || !(await countersReady(driver))) throw new Error(`aggregates not built: ${rebuilt.reason}`);
  console.error(`maintained aggregates rebuilt in ${rebuilt.ms} ms`);
  return { pairs, hidden, hiddenOf, firms, rebuilt };
}

/** Hides, rebuilds the maintained aggregates, asks (from the counters and live), scores; times both paths. */
async function evaluate(
  driver: Driver,
  o: Options,
): Promise<Omit<Report, 'seedMs' | 'timing'> & { timing: Omit<Report['timing'], 'totalMs'> }> {
  const { pairs, hidden, hiddenOf, firms, rebuilt } = await hideAndRebuild(driver, o);
  const pool = await readPool(driver);
  const excluded = await readExclusions(driver, firms);
  const ruledOut = hidden.filter((p) => excluded.get(p.enterprise)?.has(p.partner)).length;
  const connected = mostConnected(pool, firms, excluded);
  const random = randomRanking(pool, firms, excluded, o.seed);
  const baselines = [
    score('most-connected', connected, connected, hiddenOf),
    score('random', random, random, hiddenOf),
  ];
  const maintained = await scoreSource(driver, o, 'auto', firms, hiddenOf, baselines);
  const live = await scoreSource(driver, o, 'live', firms, hiddenOf, baselines);
  const latencies = await latency(driver, o, firms);
  if (!(await countersReady(driver))) throw new Error('the maintained aggregates were not ready at the end');
  const { methods, ten, fifty, covered } = maintained;
  return {
    scale: o.scale,
    seed: o.seed,
    batch: o.batch,
    pairs: { total: pairs.length, hidden: hidden.length, evaluatedFirms: firms.length, ruledOut },
    pool: pool.length,
    methods,
    coverage: covered.coverage,
    timing: { evaluationLimit10: ten.timing, evaluationLimit50: fifty.timing, coverageLimit10: covered.timing },
    prefixMismatches: prefixMismatches(ten.ranking, fifty.ranking),
    budgets: {
      recall: (methods[0] as MethodScore).recallOverMostConnected >= RECALL_BUDGET,
      coverage: covered.coverage.share >= COVERAGE_BUDGET,
    },
    maintained: {
      rebuildMs: rebuilt.ms,
      live: {
        methods: live.methods,
        coverage: live.covered.coverage,
        timing: {
          evaluationLimit10: live.ten.timing,
          evaluationLimit50: live.fifty.timing,
          coverageLimit10: live.covered.timing,
          totalMs: live.ten.timing.totalMs + live.fifty.timing.totalMs + live.covered.timing.totalMs,
        },
      },
      differing: {
        limit10: differing(ten.ranking, live.ten.ranking),
        limit50: differing(fifty.ranking, live.fifty.ranking),
        coverage: differing(covered.ranking, live.covered.ranking),
      },
      latency: latencies,
    },
  };
}

run(async () => {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const o = parseOptions();
  const started = Date.now();
  // --uri (with --latency-only): a Neo4j of your own already seeded at --scale (a scale-50 seed takes minutes),
  // password in NEO4J_PASSWORD. It is changed as the throw-away one would be: 20 % of the cooperations deleted.
  if (arg('uri', '') && !o.latencyOnly)
    throw new Error('--uri is only for --latency-only (the evaluation seeds its own)');
  const { login: info, home, existing } = await benchNeo4j(`match-${o.scale}`, { heapMb: 2048, pageCacheMb: 1024 });
  const driver = createDriver(info);
  let report: Report;
  try {
    await migrate(driver, DATABASE);
    const seeded = existing
      ? { nodes: 0, relationships: 0, ms: 0 }
      : await loadSeed(driver, DATABASE, { scale: o.scale });
    if (!existing)
      console.error(`scale ${o.scale}: seeded ${seeded.nodes + seeded.relationships} items in ${seeded.ms} ms`);
    if (o.latencyOnly) {
      const { firms, rebuilt } = await hideAndRebuild(driver, o);
      const latencies = await latency(driver, o, firms);
      if (!(await countersReady(driver))) throw new Error('the maintained aggregates were not ready at the end');
      const result = { scale: o.scale, seed: o.seed, seedMs: seeded.ms, rebuildMs: rebuilt.ms, latency: latencies };
      console.log(JSON.stringify(result, null, 2));
      writeResults('matchmaking-latency', result);
      return;
    }
    const result = await evaluate(driver, o);
    report = { ...result, seedMs: seeded.ms, timing: { ...result.timing, totalMs: Date.now() - started } };
  } finally {
    await driver.close();
    if (!existing) {
      await stopLocalNeo4j(home);
      if (o.keep) console.error(`kept the (stopped) Neo4j home ${home}`);
      else rmSync(home, { recursive: true, force: true });
    }
  }
  const previous = o.baseline ? undefined : readBaseline();
  console.log(table(report, previous));
  console.log('');
  console.log(summary(report, previous));
  writeResults('matchmaking', { ...report });
  if (o.baseline) {
    mkdirSync(path.dirname(BASELINE), { recursive: true });
    writeFileSync(BASELINE, `${JSON.stringify({ ...report, machine: `${os.cpus().length} cores` }, null, 2)}\n`);
    console.error(`written ${BASELINE}`);
  }
});
