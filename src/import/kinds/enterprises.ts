import { column, ENTERPRISE_SUBJECT, date, given, int, type KindSpec, type WriteInput } from './columns';

/**
 * `enterprises`: the statistics bureau's register with one year's figures. A row writes the firm's industry and
 * founding date, its report of the year (AnnualReport, HAS_REPORT) and, when the year is the firm's latest, its
 * latest revenue and above-scale flag.
 */
export const ENTERPRISES: KindSpec = {
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
  entity: ENTERPRISE_SUBJECT,
  createsWithoutCode: true,
  optionColumns: { year: 'year' },
  subject: (values) => `year ${String(values.year)}`,
  subjectName: 'firm and year',
  writes: ({ values, subjectId, reports }: WriteInput) => {
    const year = values.year as number;
    const reportId = reports.get(year) ?? `rep-${subjectId.replace(/^ent-/, '')}-${year}`;
    const latest = Math.max(year, ...reports.keys());
    const firm = given({ industryCode: values.industryCode, foundedOn: date(values.foundedOn) });
    if (year === latest) Object.assign(firm, given({ aboveScale: values.aboveScale, revenue: int(values.revenue) }));
    const report: Record<string, unknown> = given({
      year: int(year),
      aboveScale: values.aboveScale,
      revenue: int(values.revenue),
      rdExpenditure: int(values.rdExpenditure),
      rdStaff: int(values.rdStaff),
      hasRdInstitution: values.hasRdInstitution,
      hasRdStaff: values.hasRdStaff,
      hasRdSpending: values.hasRdSpending,
      hasIurCooperation: values.hasIurCooperation,
    });
    if (!reports.has(year)) {
      // A new report needs the four flags (AnnualReport has them non-null): an empty cell is "no", except that R&D
      // staff or spending above 0 says yes.
      report.hasRdInstitution ??= false;
      report.hasRdStaff ??= typeof values.rdStaff === 'number' && values.rdStaff > 0;
      report.hasRdSpending ??= typeof values.rdExpenditure === 'bigint' && values.rdExpenditure > 0n;
      report.hasIurCooperation ??= false;
      report.synthetic = false;
      reports.set(year, reportId);
    }
    return {
      props: firm,
      nodes: [{ label: 'AnnualReport', id: reportId, props: report }],
      rels: [
        {
          type: 'HAS_REPORT',
          fromLabel: 'Enterprise',
          from: subjectId,
          toLabel: 'AnnualReport',
          to: reportId,
          props: {},
          exclusive: false,
        },
      ],
    };
  },
};
