import { getNamedType, type GraphQLSchema } from 'graphql';
import type { ColumnKind, Table } from './table';

/** Runs one GraphQL operation as the caller (the same path, checks and numbers as a client's query). */
export type RunOperation = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}>;

/** An export the caller asked wrongly for, or that its query refused: the GraphQL error's message and code. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** What an export is filtered by (the options of `npm run export` and `GET /export/...`). */
export interface ExportFilters {
  year: number | null;
  regionCode: string | null;
  chainId: string | null;
}

const PAGE = 500;

/** The gap fields (src/graphql/argumentGuards.ts, read from the SDL) and whether their year is a report year. */
export type GapFields = ReadonlyMap<string, { reportYear: boolean }>;

const FOUR_HAVES: Record<string, string> = {
  RD_INSTITUTION: '研发机构',
  RD_STAFF: '研发人员',
  RD_SPENDING: '研发投入',
  IUR_COOPERATION: '产学研合作',
};

/** Yuan (a BigInt as GraphQL sends it, a string) → 万元 as a number, by moving the decimal point (no float product). */
function wanYuan(yuan: unknown): number | null {
  if (yuan === null || yuan === undefined) return null;
  const text = String(yuan);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(5, '0');
  return Number(`${negative ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`);
}

interface Shape {
  selection: string;
  columns: { header: string; kind: ColumnKind }[];
  row: (item: Record<string, unknown>) => (string | number | null)[];
}

/** The columns of a list of enterprises: who, where, and that year's revenue; the four haves each lacks when asked. */
function enterpriseShape(year: number | null, lacks: boolean): Shape {
  const revenue = year === null ? 'revenue' : `reports(where: { year: { eq: ${year} } }) { revenue }`;
  const lacking = lacks && year !== null ? `missingFourHaves(year: ${year})` : '';
  return {
    selection: `id name creditCode locatedIn { name } ${revenue} ${lacking}`,
    columns: [
      { header: '企业ID', kind: 'text' },
      { header: '企业名称', kind: 'text' },
      { header: '统一社会信用代码', kind: 'text' },
      { header: '所在县区', kind: 'text' },
      { header: year === null ? '最新营业收入（万元）' : `${year}年营业收入（万元）`, kind: 'wanYuan' },
      ...(lacking ? [{ header: '缺少的四有', kind: 'text' as const }] : []),
    ],
    row: (e) => {
      const reports = e.reports as { revenue: unknown }[] | undefined;
      const missing = e.missingFourHaves as string[] | undefined;
      return [
        e.id as string,
        e.name as string,
        (e.creditCode as string | null) ?? null,
        (e.locatedIn as { name: string }[]).map((r) => r.name).join('、'),
        wanYuan(year === null ? e.revenue : reports?.[0]?.revenue),
        ...(lacking ? [(missing ?? []).map((m) => FOUR_HAVES[m] ?? m).join('、')] : []),
      ];
    },
  };
}

const SHAPES: Record<string, (year: number | null, lacks: boolean) => Shape> = {
  Enterprise: enterpriseShape,
  IndustryChain: () => ({
    selection: 'id name leading',
    columns: [
      { header: '产业链ID', kind: 'text' },
      { header: '产业链名称', kind: 'text' },
      { header: '主导产业', kind: 'text' },
    ],
    row: (c) => [c.id as string, c.name as string, c.leading ? '是' : '否'],
  }),
  ChainSegment: () => ({
    selection: 'id name position chains { name }',
    columns: [
      { header: '环节ID', kind: 'text' },
      { header: '环节名称', kind: 'text' },
      { header: '位置', kind: 'text' },
      { header: '所属产业链', kind: 'text' },
    ],
    row: (s) => [
      s.id as string,
      s.name as string,
      s.position as string,
      (s.chains as { name: string }[]).map((c) => c.name).join('、'),
    ],
  }),
};

function check<T>(result: Awaited<ReturnType<RunOperation>>): T {
  const [error] = result.errors ?? [];
  if (error) throw new ExportError(error.message, String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  return result.data as T;
}

/**
 * The gap lists that can be exported: the schema's gap fields (the guarded @cypher fields of schema/gaps.graphql,
 * found by rule) that list enterprises, chains or segments, and `fourHavesCoverage` (the firms that lack one of the
 * four, with what each lacks, and the coverage figures as notes).
 */
export function exportableGaps(schema: GraphQLSchema, gapFields: GapFields): string[] {
  const fields = schema.getQueryType()?.getFields() ?? {};
  const names = [...gapFields.keys()].filter((name) => {
    const field = fields[name];
    return field !== undefined && getNamedType(field.type).name in SHAPES;
  });
  return [...names, 'fourHavesCoverage'].sort();
}

/**
 * A gap list as a table, every page of it, read through GraphQL as the caller: the same statement, checks and
 * numbers as the `Query` field. A filter the field does not take is refused; a report year left out is the latest
 * year with annual reports (what the field itself defaults to), so that the revenue column can say its year.
 */
export async function exportGap(
  run: RunOperation,
  schema: GraphQLSchema,
  gapFields: GapFields,
  name: string,
  filters: ExportFilters,
  latestReportYear: () => Promise<number | null>,
): Promise<Table> {
  const known = exportableGaps(schema, gapFields);
  if (!known.includes(name)) {
    throw new ExportError(`no gap list is named ${JSON.stringify(name)}; one of ${known.join(', ')}`, 'BAD_USER_INPUT');
  }
  const coverage = name === 'fourHavesCoverage';
  const fieldName = coverage ? 'enterprisesMissingFourHaves' : name;
  const field = schema.getQueryType()?.getFields()[fieldName];
  if (!field) throw new ExportError(`the schema has no field ${fieldName}`, 'INTERNAL_SERVER_ERROR');
  const takes = new Map(field.args.map((a) => [a.name, a.type.toString()]));
  const given: Record<string, unknown> = {};
  for (const [argument, value] of Object.entries(filters)) {
    if (value === null) continue;
    if (!takes.has(argument)) {
      throw new ExportError(
        `${name} is not filtered by ${argument}; it takes ${[...takes.keys()].filter((k) => k in filters).join(', ') || 'none of year, regionCode, chainId'}`,
        'BAD_USER_INPUT',
      );
    }
    given[argument] = value;
  }
  if (takes.has('year') && given.year === undefined) {
    // As the field itself: a report year left out is the latest with reports; any other year the field needs is
    // the caller's to give (expiringQualifications looks ahead; a platform year has no default).
    if (gapFields.get(fieldName)?.reportYear) {
      const latest = await latestReportYear();
      if (latest !== null) given.year = latest;
    } else if (takes.get('year')?.endsWith('!')) {
      throw new ExportError(`${name} needs a year`, 'BAD_USER_INPUT');
    }
  }
  const year = typeof given.year === 'number' ? given.year : null;
  const shape = SHAPES[getNamedType(field.type).name]?.(year, fieldName === 'enterprisesMissingFourHaves');
  if (!shape) throw new ExportError(`${name} lists no exportable type`, 'INTERNAL_SERVER_ERROR');
  const declared = Object.keys(given).map((a) => `$${a}: ${takes.get(a)}`);
  const passed = Object.keys(given).map((a) => `${a}: $${a}`);
  const query = `query (${[...declared, '$limit: Int!', '$offset: Int!'].join(', ')}) {
    items: ${fieldName}(${[...passed, 'limit: $limit', 'offset: $offset'].join(', ')}) { ${shape.selection} }
  }`;
  const rows: Table['rows'] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { items } = check<{ items: Record<string, unknown>[] }>(await run(query, { ...given, limit: PAGE, offset }));
    rows.push(...items.map(shape.row));
    if (items.length < PAGE) break;
  }
  const notes: Table['notes'] = [
    ['清单', name],
    ...Object.entries(given).map(([k, v]): [string, string | number] => [k, v as string | number]),
  ];
  if (coverage) {
    // The same filters as the list: fourHavesCoverage takes what enterprisesMissingFourHaves takes but paging.
    const figures = check<{ c: { covered: number; total: number; missing: number; ratio: number } }>(
      await run(
        `query (${declared.join(', ')}) { c: fourHavesCoverage(${passed.join(', ')}) { covered total missing ratio } }`,
        given,
      ),
    );
    notes.push(
      ['四有企业数', figures.c.covered],
      ['规上企业数', figures.c.total],
      ['缺少四有的企业数', figures.c.missing],
      ['覆盖率', figures.c.ratio],
    );
  }
  notes.push(['行数', rows.length]);
  return { name: name.slice(0, 31), columns: shape.columns, rows, notes };
}

const REVIEW_STATES: Record<string, string> = {
  MET: '达标',
  NOT_MET: '未达标',
  UNAVAILABLE: '暂无数据',
  SUPPRESSED: '小样本不公开',
};

/** The target review as a table, read through GraphQL (`Query.targetReview`): the same numbers as the API's. */
export async function exportReview(run: RunOperation, filters: ExportFilters): Promise<Table> {
  if (filters.year === null) throw new ExportError('year is required for the review', 'BAD_USER_INPUT');
  const { review } = check<{
    review: { targets: Record<string, unknown>[]; met: number; notMet: number; unavailable: number };
  }>(
    await run(
      `query ($year: Int!, $regionCode: RegionCode, $chainId: ID) {
        review: targetReview(year: $year, regionCode: $regionCode, chainId: $chainId) {
          met notMet unavailable
          targets { targetId metric year regionCode chainId comparison target actual gap status previousActual change unit }
        }
      }`,
      { year: filters.year, regionCode: filters.regionCode, chainId: filters.chainId },
    ),
  );
  return {
    name: `目标考核${filters.year}`,
    columns: [
      { header: '目标ID', kind: 'text' },
      { header: '指标', kind: 'text' },
      { header: '年份', kind: 'integer' },
      { header: '县区代码', kind: 'text' },
      { header: '产业链ID', kind: 'text' },
      { header: '比较', kind: 'text' },
      { header: '单位', kind: 'text' },
      { header: '目标值', kind: 'number' },
      { header: '实际值', kind: 'number' },
      { header: '差距（实际−目标）', kind: 'number' },
      { header: '状态', kind: 'text' },
      { header: '上年实际值', kind: 'number' },
      { header: '同比变化', kind: 'number' },
    ],
    rows: review.targets.map((t) => [
      t.targetId as string,
      t.metric as string,
      t.year as number,
      (t.regionCode as string | null) ?? null,
      (t.chainId as string | null) ?? null,
      t.comparison as string,
      (t.unit as string | null) ?? null,
      t.target as number,
      (t.actual as number | null) ?? null,
      (t.gap as number | null) ?? null,
      REVIEW_STATES[t.status as string] ?? (t.status as string),
      (t.previousActual as number | null) ?? null,
      (t.change as number | null) ?? null,
    ]),
    notes: [
      ['年份', filters.year],
      ['县区代码', filters.regionCode ?? '全市'],
      ['产业链', filters.chainId ?? '全部'],
      ['达标', review.met],
      ['未达标', review.notMet],
      ['暂无数据', review.unavailable],
    ],
  };
}
