import { QUALIFICATIONS } from '../../domain';
import { column, ENTERPRISE_SUBJECT, given, int, type KindSpec, type WriteInput } from './columns';

/**
 * `qualifications`: a published list of firms granted a qualification. A row writes the firm's HOLDS of the
 * qualification (granted year, valid-until year, certificate number); the qualification and the year may come as
 * options (`--qualification`, `--year`) instead of columns (required: in the file, or by the option).
 */
export const QUALIFICATION_LIST: KindSpec = {
  kind: 'qualifications',
  title: '资质认定名单（高新技术企业、科技型中小企业、瞪羚企业 …）',
  columns: [
    column('name', '企业名称', 'text', true, '平顶山市示例科技有限公司（示例）', ['单位名称', 'name']),
    column('creditCode', '统一社会信用代码', 'creditCode', false, '91410400MA44ABCD1Y', ['信用代码', 'credit code']),
    column('certificateNo', '证书编号', 'text', false, 'GR202441000123', ['入库编号', 'certificate']),
    column('qualification', '资质', 'qualification', true, '高新技术企业', ['资质名称', 'qualification']),
    column('grantedYear', '认定年份', 'year', true, '2024', ['入库年份', 'granted year']),
    column('validUntilYear', '有效期至', 'year', false, '2026', ['valid until']),
    column('county', '所在县区', 'county', false, '新华区', ['县区', 'county', 'region']),
  ],
  entity: ENTERPRISE_SUBJECT,
  createsWithoutCode: false,
  optionColumns: { year: 'grantedYear', qualification: 'qualification' },
  subject: (values) => `qualification ${String(values.qualification)}`,
  subjectName: 'firm and qualification',
  check: (values) => {
    const granted = values.grantedYear as number;
    const until = values.validUntilYear as number | null;
    return until !== null && until < granted
      ? { column: 'validUntilYear', reason: `before the year granted (${granted})` }
      : null;
  },
  conflict: (values, graph) => {
    const code = values.qualification as string;
    const to = graph.qualificationIds.get(code);
    if (to === undefined)
      return {
        column: 'qualification',
        reason: `the graph has no Qualification ${code}: load the reference data first`,
      };
    const held = graph.relationship('HOLDS', to);
    const granted = Number(held?.grantedYear ?? Number.NEGATIVE_INFINITY);
    if (granted > (values.grantedYear as number)) {
      const until = String(held?.validUntilYear ?? '?');
      return {
        column: 'grantedYear',
        reason: `the graph has a later grant of this qualification (${granted}–${until}); an older list does not replace it`,
      };
    }
    return null;
  },
  writes: ({ values, subjectId, qualificationIds }: WriteInput) => {
    const code = values.qualification as string;
    const granted = values.grantedYear as number;
    const until = (values.validUntilYear as number | null) ?? granted + (QUALIFICATIONS[code]?.years ?? 1) - 1;
    return {
      props: {},
      nodes: [],
      rels: [
        {
          type: 'HOLDS',
          fromLabel: 'Enterprise',
          from: subjectId,
          toLabel: 'Qualification',
          to: qualificationIds.get(code) as string,
          props: given({ grantedYear: int(granted), validUntilYear: int(until), certificateNo: values.certificateNo }),
          exclusive: false,
        },
      ],
    };
  },
};
