/**
 * The kinds of spreadsheet the importer reads (docs/import-formats.md is the contract): each column by its Chinese
 * header and its English name, whether it is required, and how its cells are read.
 */

/** How a column's cells are read (src/import/values.ts). */
export type ValueType =
  | 'text'
  | 'creditCode'
  | 'industryCode'
  | 'county'
  | 'boolean'
  | 'year'
  | 'date'
  | 'count'
  /** An amount in 万元 (10,000 yuan) in the header: stored as whole yuan, exactly. */
  | 'wanYuan'
  | 'qualification';

export interface ColumnSpec {
  /** The key the importer uses for the value. */
  key: string;
  /** The header as the contract writes it (shown in reports and templates). */
  header: string;
  /** Other headers accepted for the column (after normalising: src/import/headers.ts). */
  aliases: readonly string[];
  type: ValueType;
  required: boolean;
  /** An example value for the template's example row. */
  example: string;
}

export interface KindSpec {
  kind: ImportKind;
  /** What the kind is, in the contract's words. */
  title: string;
  columns: readonly ColumnSpec[];
}

export const IMPORT_KINDS = ['enterprises', 'qualifications'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The kinds of docs/import-formats.md that this version does not read yet, so that asking for one says so. */
export const PLANNED_KINDS = ['platforms', 'deputies', 'projects', 'cooperations'] as const;

function column(
  key: string,
  header: string,
  type: ValueType,
  required: boolean,
  example: string,
  aliases: readonly string[] = [],
): ColumnSpec {
  return { key, header, type, required, example, aliases: [key, ...aliases] };
}

export const KINDS: Readonly<Record<ImportKind, KindSpec>> = {
  enterprises: {
    kind: 'enterprises',
    title: '企业名录及年度统计（统计局规上企业名录 + 研发统计）',
    columns: [
      column('creditCode', '统一社会信用代码', 'creditCode', true, '91410400MA44ABCD1Y', ['信用代码', 'credit code']),
      column('name', '企业名称', 'text', true, '平顶山市示例科技有限公司（示例）', ['单位名称', 'name']),
      column('county', '所在县区', 'county', true, '新华区', ['县区', '所在县（市、区）', 'county', 'region']),
      column('industryCode', '国民经济行业代码', 'industryCode', false, 'C2651', ['行业代码', 'industry code']),
      column('foundedOn', '成立日期', 'date', false, '2015-06-01', ['founded']),
      column('aboveScale', '是否规上', 'boolean', true, '是', ['规上', 'above scale']),
      column('year', '年份', 'year', true, '2024', ['统计年份', 'year']),
      column('revenue', '营业收入（万元）', 'wanYuan', false, '12345.67', ['revenue']),
      column('rdExpenditure', '研发费用（万元）', 'wanYuan', false, '456.7', ['研发经费（万元）', 'rd expenditure']),
      column('rdStaff', '研发人员（人）', 'count', false, '35', ['研发人员数', 'rd staff']),
      column('hasRdInstitution', '有研发机构', 'boolean', false, '是', ['has rd institution']),
      column('hasRdStaff', '有研发人员', 'boolean', false, '是', ['has rd staff']),
      column('hasRdSpending', '有研发投入', 'boolean', false, '是', ['has rd spending']),
      column('hasIurCooperation', '有产学研合作', 'boolean', false, '否', ['has iur cooperation']),
    ],
  },
  qualifications: {
    kind: 'qualifications',
    title: '资质认定名单（高新技术企业、科技型中小企业、瞪羚企业 …）',
    columns: [
      column('name', '企业名称', 'text', true, '平顶山市示例科技有限公司（示例）', ['单位名称', 'name']),
      column('creditCode', '统一社会信用代码', 'creditCode', false, '91410400MA44ABCD1Y', ['信用代码', 'credit code']),
      column('certificateNo', '证书编号', 'text', false, 'GR202441000123', ['入库编号', 'certificate']),
      column('qualification', '资质', 'qualification', false, '高新技术企业', ['资质名称', 'qualification']),
      column('grantedYear', '认定年份', 'year', false, '2024', ['入库年份', 'granted year']),
      column('validUntilYear', '有效期至', 'year', false, '2026', ['valid until']),
      column('county', '所在县区', 'county', false, '新华区', ['县区', 'county', 'region']),
    ],
  },
};

/** The qualifications (QualificationCode) with their Chinese names, and their validity when 有效期至 is empty. */
export const QUALIFICATIONS: Readonly<Record<string, { name: string; aliases: readonly string[]; years: number }>> = {
  HIGH_TECH: { name: '高新技术企业', aliases: ['高企', '国家高新技术企业'], years: 3 },
  TECH_SME: { name: '科技型中小企业', aliases: ['科技型中小企'], years: 1 },
  INNOVATION_LEADER: { name: '省创新龙头企业', aliases: ['创新龙头企业'], years: 3 },
  GAZELLE: { name: '瞪羚企业', aliases: ['瞪羚'], years: 3 },
  SPECIALIZED_NEW: { name: '专精特新企业', aliases: ['专精特新', '专精特新中小企业'], years: 3 },
  TECH_LEADER: { name: '科技领军企业', aliases: ['科技领军'], years: 3 },
};
