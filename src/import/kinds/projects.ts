import {
  chainLink,
  chainProblem,
  choiceColumn,
  column,
  given,
  int,
  type KindSpec,
  type RelWrite,
  type WriteInput,
} from './columns';
import { LEVELS } from './platforms';

/** A row's lead and participants, each an organisation of the graph, or the first name that is not one. */
function undertakers(
  values: Record<string, unknown>,
  references: WriteInput['references'],
): { column: string; reason: string } | { id: string; label: RelWrite['fromLabel']; role: 'LEAD' | 'PARTICIPANT' }[] {
  const lead = references.organisation(String(values.lead));
  if ('problem' in lead) return { column: 'lead', reason: lead.problem };
  const found: { id: string; label: RelWrite['fromLabel']; role: 'LEAD' | 'PARTICIPANT' }[] = [
    { ...lead, role: 'LEAD' },
  ];
  for (const name of (values.participants as string[] | null) ?? []) {
    const participant = references.organisation(name);
    if ('problem' in participant) return { column: 'participants', reason: `${name}: ${participant.problem}` };
    if (participant.id === lead.id) return { column: 'participants', reason: `${name} is the 承担单位 already` };
    if (!found.some((o) => o.id === participant.id)) found.push({ ...participant, role: 'PARTICIPANT' });
  }
  return found;
}

/**
 * `projects`: a funded project list. A row is about a project, matched by its 项目编号, then its normalized name
 * (review for similar names, else new); it writes the project's level, year, funding (万元 → yuan) and programme,
 * UNDERTAKES from its 承担单位 (LEAD) and each 参与单位 (PARTICIPANT) — organisations already in the graph — and
 * ADDRESSES to its chain. A new project's status is FUNDED when it has an amount, else APPROVED (立项); an import
 * never changes the status of a project the graph has (it may be COMPLETED since).
 */
export const PROJECTS: KindSpec = {
  kind: 'projects',
  title: '科技项目立项名单',
  columns: [
    column('name', '项目名称', 'text', true, '尼龙66关键材料示例研究（示例）', ['项目', 'name']),
    column('projectNo', '项目编号', 'code', false, '2024-PDS-001', ['立项编号', 'project number']),
    choiceColumn('level', '级别', LEVELS, true, ['项目级别', 'level']),
    column('lead', '承担单位', 'text', true, '平顶山学院', ['牵头单位', '项目承担单位', 'lead']),
    column('participants', '参与单位', 'list', false, '河南城建学院、平顶山工业职业技术学院', [
      '参加单位',
      '合作单位',
      'participants',
    ]),
    column('year', '立项年份', 'year', true, '2024', ['年份', '立项时间', 'year']),
    column('funding', '资助金额（万元）', 'wanYuan', false, '50', ['资助经费（万元）', '财政资助（万元）', 'funding']),
    column('chain', '所属产业链', 'text', false, '尼龙产业链', ['产业链', '服务产业链', 'chain']),
    column('programme', '计划类别', 'text', false, '市科技攻关', ['项目类别', '专项', 'programme']),
  ],
  entity: {
    label: 'Project',
    noun: 'project',
    codeColumn: 'projectNo',
    codeHeader: '项目编号',
    codeName: '项目编号',
    idPrefix: 'proj',
    defaults: {},
    commonEnding: null,
    placePrefixes: true,
    codeIsIdentity: false,
  },
  createsWithoutCode: true,
  optionColumns: { year: 'year' },
  subject: () => 'project',
  subjectName: 'project',
  check: (values, references) => {
    const found = undertakers(values, references);
    if ('reason' in found) return found;
    return chainProblem(values, references);
  },
  writes: ({ values, subjectId, isNew, references }: WriteInput) => {
    const found = undertakers(values, references);
    if ('reason' in found) throw new Error(`projects: row checked, yet ${found.reason}`);
    const rels: RelWrite[] = found.map((o) => ({
      type: 'UNDERTAKES',
      fromLabel: o.label,
      from: o.id,
      toLabel: 'Project',
      to: subjectId,
      props: { role: o.role },
      exclusive: false,
    }));
    rels.push(...chainLink('ADDRESSES', { fromLabel: 'Project', from: subjectId }, values, references));
    const props = given({
      level: values.level,
      year: int(values.year),
      funding: int(values.funding),
      programme: values.programme,
    });
    if (isNew) props.status = typeof values.funding === 'bigint' && values.funding > 0n ? 'FUNDED' : 'APPROVED';
    return { props, nodes: [], rels };
  },
};
