/**
 * What the annual review document (年度目标考核报告) is made from: plain figures read from the graph by
 * src/report/collect.ts, rendered to a Word document by src/report/render/. Every number here is the API's own
 * (targetReview, metricSeries, metricBreakdown, chainCountyMatrix, the gap lists and their partner suggestions), so
 * the document and the API never disagree. Names are already in the planner's language (Chinese).
 */

/** A metric's unit: a ratio is drawn and written as a percentage, yuan in 万元 / 亿元, others as counts. */
export type ReportUnit = 'ratio' | 'yuan' | 'count';

export interface ReportTarget {
  /** The metric's name in Chinese (src/domain/metricNames.ts). */
  metric: string;
  unit: ReportUnit;
  /** The unit's Chinese name for counts (家, 个, 人, 项); '' for ratio and yuan. */
  unitName: string;
  comparison: 'AT_LEAST' | 'AT_MOST';
  target: number;
  /** Null when the figure is withheld or cannot be computed (status says which). */
  actual: number | null;
  /** actual − target, null with actual. */
  gap: number | null;
  status: 'MET' | 'NOT_MET' | 'UNAVAILABLE' | 'SUPPRESSED';
  previousActual: number | null;
  /** actual − previousActual. */
  change: number | null;
}

/** One metric over the data years, with its target line where the year has one. */
export interface ReportSeries {
  metric: string;
  unit: ReportUnit;
  unitName: string;
  points: { year: number; value: number | null }[];
  /** The target of the report's year for this metric, if any: drawn as a line. */
  target: number | null;
}

/** A metric across the city's counties (and functional zones), for the ranking and the map. */
export interface ReportBreakdown {
  metric: string;
  unit: ReportUnit;
  unitName: string;
  /** One row per region, in the order given (the ranking orders them itself); value null when withheld. */
  rows: { code: string; name: string; value: number | null }[];
}

/** Firms per chain × county for the year; an empty cell (0) is a gap the heat map marks. */
export interface ReportMatrix {
  chains: { id: string; name: string }[];
  counties: { code: string; name: string }[];
  /** cells[i][j]: the firms of chains[i] located in counties[j]. */
  cells: number[][];
}

/** The first entries of one gap list with their top partner suggestion. */
export interface ReportGapList {
  /** The list's Chinese title, e.g. “营收10亿元以上、未参加创新联合体的企业”. */
  title: string;
  /** How many entries the whole list has; null when the caller may not see it (a withheld cell of R1–R4). */
  total: number | null;
  entries: { name: string; region: string | null; detail: string | null; suggestion: string | null }[];
}

export interface ReportInput {
  year: number;
  /** The scope's names, null for no filter (the whole city; every chain). */
  regionName: string | null;
  chainName: string | null;
  /** The city's name (平顶山市) for the title. */
  cityName: string;
  /** When the document was made (ISO 8601). */
  generatedAt: string;
  /** The data's latest dated fact (ISO date) or import, and where the data came from. */
  dataAsOf: string | null;
  source: string;
  /** True when the graph holds generated demo data: the document says so on its first page. */
  synthetic: boolean;
  review: { targets: ReportTarget[]; met: number; notMet: number; unavailable: number; suppressed: number };
  /** The previous year's review counts, when that year had targets (for “change from last year”). */
  previousReview: { year: number; met: number; notMet: number } | null;
  series: ReportSeries[];
  /** The counties ranked by one metric (the report uses FOUR_HAVES_COVERAGE). */
  counties: ReportBreakdown;
  matrix: ReportMatrix;
  gaps: ReportGapList[];
}
