import { normalizeName } from '../match/names';
import { column, ENTERPRISE_SUBJECT, given, int, type KindSpec, type WriteInput } from './columns';

/**
 * `cooperations`: industry-university-research cooperation agreements (产学研合作). A row writes the firm's
 * COOPERATES_WITH to a university or research institute already in the graph (matched by its normalized name; one
 * the graph lacks is a row problem that names similar ones, never a new organisation), with the form and the year.
 */
export const COOPERATIONS: KindSpec = {
  kind: 'cooperations',
  title: '产学研合作协议',
  columns: [
    column('name', '企业名称', 'text', true, '平顶山市示例科技有限公司（示例）', ['单位名称', 'name']),
    column('creditCode', '统一社会信用代码', 'creditCode', false, '91410400MA44ABCD1Y', ['信用代码', 'credit code']),
    column('partner', '合作单位', 'text', true, '河南城建学院', ['合作高校', '合作院所', 'partner']),
    column('kind', '合作类型', 'text', false, '共建研发中心', ['合作方式', 'kind']),
    column('sinceYear', '起始年份', 'year', true, '2024', ['签约年份', '合作年份', 'since']),
    column('county', '所在县区', 'county', false, '新华区', ['县区', 'county', 'region']),
  ],
  entity: ENTERPRISE_SUBJECT,
  createsWithoutCode: false,
  optionColumns: { year: 'sinceYear' },
  subject: (values) => `partner ${normalizeName(String(values.partner))}`,
  subjectName: 'firm and partner',
  check: (values, references) => {
    const partner = references.academic(String(values.partner));
    return 'problem' in partner ? { column: 'partner', reason: partner.problem } : null;
  },
  writes: ({ values, subjectId, references }: WriteInput) => {
    const partner = references.academic(String(values.partner));
    if ('problem' in partner) throw new Error(`cooperations: row checked, yet ${partner.problem}`);
    return {
      props: {},
      nodes: [],
      rels: [
        {
          type: 'COOPERATES_WITH',
          fromLabel: 'Enterprise',
          from: subjectId,
          toLabel: partner.label,
          to: partner.id,
          props: given({ kind: values.kind, sinceYear: int(values.sinceYear) }),
          exclusive: false,
        },
      ],
    };
  },
};
