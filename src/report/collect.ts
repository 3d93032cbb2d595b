import { type MetricName, metricDisplay } from '../domain';
import { ExportError, type RunOperation } from '../export';
import type { ReportGapList, ReportInput, ReportSeries, ReportTarget, ReportUnit } from './input';
import { formatMoney } from './render/format';

/** What the report covers: a year with targets, and optionally one region and/or chain (as targetReview takes them). */
export interface ReportScope {
  year: number;
  regionCode: string | null;
  chainId: string | null;
}

/** How many years a trend chart shows, the report's year the last. */
const TREND_YEARS = 5;
/** How many entries of each gap list the report prints. */
const GAP_ENTRIES = 5;
/** The metric the counties are ranked and mapped by. */
const COUNTY_METRIC: MetricName = 'FOUR_HAVES_COVERAGE';

/**
 * The gap lists the report shows, one per rule of the letter, each with the compliance metric whose
 * denominator − numerator is its length (schema/metrics.graphql), and what its entries' detail column says.
 */
const GAP_LISTS = [
  { field: 'enterprisesWithoutRdInstitution', metric: 'R1_COMPLIANCE', title: '营收1亿元以上、无研发机构的企业' },
  {
    field: 'enterprisesWithoutLandmarkAchievement',
    metric: 'R2_COMPLIANCE',
    title: '营收5亿元以上、近三年无标志性研发成果的企业',
  },
  { field: 'enterprisesWithoutConsortium', metric: 'R3_COMPLIANCE', title: '营收10亿元以上、未参加创新联合体的企业' },
  { field: 'enterprisesNotTechLeader', metric: 'R4_COMPLIANCE', title: '营收100亿元以上、尚非科技领军企业的企业' },
  {
    field: 'backboneEnterprisesWithoutPlatform',
    metric: 'R5_COMPLIANCE',
    title: '主导产业骨干企业中无研发平台的企业',
  },
  { field: 'enterprisesMissingFourHaves', metric: 'FOUR_HAVES_COVERAGE', title: '规上工业企业中“四有”不全的企业' },
] as const;

const FOUR_HAVES: Record<string, string> = {
  RD_INSTITUTION: '研发机构',
  RD_STAFF: '研发人员',
  RD_SPENDING: '研发投入',
  IUR_COOPERATION: '产学研合作',
};

function check<T>(result: Awaited<ReturnType<RunOperation>>): T {
  const [error] = result.errors ?? [];
  if (error) throw new ExportError(error.message, String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  return result.data as T;
}

const unitOf = (unit: string | null): ReportUnit => (unit === 'ratio' ? 'ratio' : unit === 'yuan' ? 'yuan' : 'count');
const display = (metric: string) => metricDisplay(metric) ?? { zh: metric, unit: { zh: '' } };
const unitName = (metric: string, unit: ReportUnit) => (unit === 'count' ? display(metric).unit.zh : '');
/** A metric as the report names it: its Chinese name, its unit, and the unit's name for a count. */
const named = (metric: string, apiUnit: string | null) => {
  const unit = unitOf(apiUnit);
  return { metric: display(metric).zh, unit, unitName: unitName(metric, unit) };
};

/** Revenue as GraphQL sends it (yuan, a decimal string) in the report's words: “营收93.91亿元”. */
function revenueText(yuan: unknown): string | null {
  return yuan === null || yuan === undefined ? null : `营收${formatMoney(Number(yuan))}`;
}

interface TargetRow {
  metric: string;
  comparison: 'AT_LEAST' | 'AT_MOST';
  target: number;
  actual: number | null;
  gap: number | null;
  status: ReportTarget['status'];
  previousActual: number | null;
  change: number | null;
  unit: string | null;
  regionCode: string | null;
  chainId: string | null;
}

const REVIEW = `query ($year: Int!, $regionCode: RegionCode, $chainId: ID) {
  review: targetReview(year: $year, regionCode: $regionCode, chainId: $chainId) {
    met notMet unavailable suppressed
    targets { metric comparison target actual gap status previousActual change unit regionCode chainId }
  }
}`;

type Review = { met: number; notMet: number; unavailable: number; suppressed: number; targets: TargetRow[] };

/**
 * Everything the annual review document shows, read as GraphQL operations through `run` (the API's own pipeline, as
 * the caller: the numbers are the API's, and a caller below planner gets withheld cells as the API withholds them).
 * The target review of the year; the year before's counts when it had targets; a five-year trend of each target's
 * metric in the target's scope; the counties ranked by 四有 coverage; the chain × county matrix; each rule's gap list's
 * first entries with the best partner suggestion. A refusal (a year without targets, an unknown region) is an
 * ExportError with the API's message and code.
 */
export async function collectReport(run: RunOperation, scope: ReportScope): Promise<ReportInput> {
  const { year, regionCode, chainId } = scope;
  const { review } = check<{ review: Review }>(await run(REVIEW, { year, regionCode, chainId }));
  const previous = await run(REVIEW, { year: year - 1, regionCode, chainId });
  const previousReview = previous.errors?.length
    ? null
    : { year: year - 1, ...pick((previous.data as { review: Review }).review) };

  const targets: ReportTarget[] = review.targets.map((t) => ({
    ...named(t.metric, t.unit),
    comparison: t.comparison,
    target: t.target,
    actual: t.actual,
    gap: t.gap,
    status: t.status,
    previousActual: t.previousActual,
    change: t.change,
  }));

  const series: ReportSeries[] = [];
  const seen = new Set<string>();
  for (const t of review.targets) {
    const key = JSON.stringify([t.metric, t.regionCode, t.chainId]);
    if (seen.has(key)) continue;
    seen.add(key);
    series.push(await trend(run, t, year));
  }

  const names = check<{ regions: { code: string; name: string; level: string }[]; chains: { name: string }[] }>(
    await run(
      `query ($codes: [RegionCode!]!, $chains: [ID!]!) {
        regions(where: { OR: [{ level: { eq: CITY } }, { code: { in: $codes } }] }, sort: [{ code: ASC }]) { code name level }
        chains: industryChains(where: { id: { in: $chains } }) { name }
      }`,
      { codes: regionCode === null ? [] : [regionCode], chains: chainId === null ? [] : [chainId] },
    ),
  );
  const city = names.regions.find((r) => r.level === 'CITY');

  const { breakdown } = check<{
    breakdown: { unit: string; rows: { code: string; name: string; metric: { value: number | null } }[] };
  }>(
    await run(
      `query ($year: Int!, $regionCode: RegionCode, $chainId: ID) {
        breakdown: metricBreakdown(name: ${COUNTY_METRIC}, year: $year, by: COUNTY, regionCode: $regionCode, chainId: $chainId) {
          unit rows { code name metric { value } }
        }
      }`,
      // A county has no parts: its report ranks the city's counties, the county among them.
      { year, regionCode: regionCode !== null && regionCode === city?.code ? regionCode : null, chainId },
    ),
  );

  const { matrix } = check<{
    matrix: {
      chains: { id: string; name: string }[];
      counties: { code: string; name: string }[];
      cells: { chainId: string; regionCode: string; enterprises: number }[];
    };
  }>(
    await run(
      `query ($year: Int!) { matrix: chainCountyMatrix(year: $year) {
        chains { id name } counties { code name } cells { chainId regionCode enterprises } } }`,
      { year },
    ),
  );
  const firms = new Map(matrix.cells.map((c) => [`${c.chainId}|${c.regionCode}`, c.enterprises]));

  const gaps: ReportGapList[] = [];
  for (const list of GAP_LISTS) gaps.push(await gapList(run, list, scope));

  const { synthetic, reports } = check<{ synthetic: { id: string }[]; reports: { year: number }[] }>(
    await run(
      `{ synthetic: enterprises(where: { synthetic: { eq: true } }, limit: 1) { id }
         reports: annualReports(sort: [{ year: DESC }], limit: 1) { year } }`,
      {},
    ),
  );

  return {
    year,
    regionName: regionCode === null ? null : (names.regions.find((r) => r.code === regionCode)?.name ?? regionCode),
    chainName: chainId === null ? null : (names.chains[0]?.name ?? chainId),
    cityName: city?.name ?? '',
    generatedAt: new Date().toISOString(),
    dataAsOf: reports[0] ? `${reports[0].year}-12-31` : null,
    source: '创新图谱（innovation graph）：企业年报、资质、平台、项目与目标数据',
    synthetic: synthetic.length > 0,
    review: { targets, ...pick(review) },
    previousReview,
    series,
    counties: {
      ...named(COUNTY_METRIC, breakdown.unit),
      rows: breakdown.rows.map((r) => ({ code: r.code, name: r.name, value: r.metric.value })),
    },
    matrix: {
      chains: matrix.chains,
      counties: matrix.counties,
      cells: matrix.chains.map((chain) => matrix.counties.map((c) => firms.get(`${chain.id}|${c.code}`) ?? 0)),
    },
    gaps,
  };
}

function pick({ met, notMet, unavailable, suppressed }: Review) {
  return { met, notMet, unavailable, suppressed };
}

/** A target's metric over the five years up to the report's (fewer when the data starts later), in its scope. */
async function trend(run: RunOperation, t: TargetRow, year: number): Promise<ReportSeries> {
  const query = `query ($name: MetricName!, $from: Int, $to: Int!, $regionCode: RegionCode, $chainId: ID) {
    series: metricSeries(name: $name, from: $from, to: $to, regionCode: $regionCode, chainId: $chainId) {
      unit points { year value }
    }
  }`;
  const variables = { name: t.metric, to: year, regionCode: t.regionCode, chainId: t.chainId };
  let result = await run(query, { ...variables, from: year - TREND_YEARS + 1 });
  // The data starts later than five years back: from its first year.
  if (result.errors?.[0]?.extensions?.argument === 'from') result = await run(query, variables);
  const { series } = check<{ series: { unit: string; points: { year: number; value: number | null }[] } }>(result);
  return {
    ...named(t.metric, series.unit),
    points: series.points,
    target: t.target,
  };
}

/** A gap list's length (its metric's denominator − numerator) and first entries, each with its best partner. */
async function gapList(
  run: RunOperation,
  list: (typeof GAP_LISTS)[number],
  { year, regionCode, chainId }: ReportScope,
): Promise<ReportGapList> {
  const fourHaves = list.field === 'enterprisesMissingFourHaves';
  const detail = fourHaves ? `missingFourHaves(year: $year)` : `reports(where: { year: { eq: $year } }) { revenue }`;
  const { total, items } = check<{
    total: { numerator: number | null; denominator: number | null };
    items: {
      name: string;
      locatedIn: { name: string }[];
      reports?: { revenue: unknown }[];
      missingFourHaves?: string[];
      partnerSuggestions: { name: string }[];
    }[];
  }>(
    await run(
      `query ($year: Int!, $regionCode: RegionCode, $chainId: ID) {
        total: metric(name: ${list.metric}, year: $year, regionCode: $regionCode, chainId: $chainId) { numerator denominator }
        items: ${list.field}(year: $year, regionCode: $regionCode, chainId: $chainId, limit: ${GAP_ENTRIES}) {
          id name locatedIn { name } ${detail} partnerSuggestions(limit: 1) { name }
        }
      }`,
      { year, regionCode, chainId },
    ),
  );
  return {
    title: list.title,
    total: total.denominator === null || total.numerator === null ? null : total.denominator - total.numerator,
    entries: items.map((e) => ({
      name: e.name,
      region: e.locatedIn.map((r) => r.name).join('、') || null,
      detail: fourHaves
        ? `缺${(e.missingFourHaves ?? []).map((m) => FOUR_HAVES[m] ?? m).join('、')}`
        : revenueText(e.reports?.[0]?.revenue),
      suggestion: e.partnerSuggestions[0]?.name ?? null,
    })),
  };
}
