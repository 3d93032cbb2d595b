import type { Choice } from '../read/valueTypes';
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

/** 级别 of a platform or a project (PlatformLevel, AdministrativeLevel: the same three values). */
export const LEVELS: readonly Choice[] = [
  { value: 'NATIONAL', texts: ['国家级', '国家', '国家部委', '部级'] },
  { value: 'PROVINCIAL', texts: ['省级', '省', '省部级'] },
  { value: 'MUNICIPAL', texts: ['市级', '市'] },
];

/** 类型 of a platform (PlatformKind), by the names lists use. */
const PLATFORM_KINDS: readonly Choice[] = [
  { value: 'ENGINEERING_RESEARCH_CENTER', texts: ['工程技术研究中心', '工程研究中心', '工程中心'] },
  { value: 'KEY_LABORATORY', texts: ['重点实验室'] },
  { value: 'LABORATORY', texts: ['实验室'] },
  { value: 'INTERNATIONAL_JOINT_LAB', texts: ['国际联合实验室'] },
  { value: 'INDUSTRY_RESEARCH_INSTITUTE', texts: ['产业研究院', '产业技术研究院'] },
  { value: 'NEW_RD_INSTITUTION', texts: ['新型研发机构'] },
  { value: 'INCUBATOR', texts: ['孵化载体', '孵化器', '科技企业孵化器', '众创空间', '大学科技园'] },
  { value: 'OTHER', texts: ['其他'] },
];

/**
 * A row's 依托单位: one name, or several separated as lists write them — the first is the lead host (依托单位), the
 * others co-hosts (共建单位); each an organisation of the graph, or the first name that is not one.
 */
function hostsOf(
  values: Record<string, unknown>,
  references: WriteInput['references'],
): { column: string; reason: string } | { id: string; label: RelWrite['fromLabel']; role: 'LEAD' | 'CO' }[] {
  const found: { id: string; label: RelWrite['fromLabel']; role: 'LEAD' | 'CO' }[] = [];
  const names = values.host as string[];
  for (const name of names) {
    const host = references.organisation(name);
    if ('problem' in host)
      return { column: 'host', reason: names.length > 1 ? `${name}: ${host.problem}` : host.problem };
    if (!found.some((h) => h.id === host.id)) found.push({ ...host, role: found.length === 0 ? 'LEAD' : 'CO' });
  }
  return found;
}

/**
 * `platforms`: an R&D platform list. A row is about a platform, matched by its normalized name (review for similar
 * names, else new); it writes the platform's kind, level and approval year, its 依托单位's HOSTS (LEAD; further
 * names in the cell CO) — each an enterprise, university or institute already in the graph, never created by the
 * import — and, when given, SERVES to the chain it serves.
 */
export const PLATFORMS: KindSpec = {
  kind: 'platforms',
  title: '研发平台名单（工程技术研究中心、重点实验室、孵化载体、新型研发机构 …）',
  columns: [
    column('name', '平台名称', 'text', true, '平顶山市示例新材料工程技术研究中心（示例）', ['平台', 'name']),
    column('host', '依托单位', 'list', true, '平顶山学院、河南城建学院', [
      '依托单位名称',
      '承建单位',
      '共建单位',
      'host',
    ]),
    choiceColumn('level', '级别', LEVELS, true, ['平台级别', 'level']),
    choiceColumn('kind', '类型', PLATFORM_KINDS, true, ['平台类型', 'kind']),
    column('approvedYear', '批准年份', 'year', true, '2024', ['认定年份', '获批年份', 'approved year']),
    column('chain', '服务产业链', 'text', false, '尼龙产业链', ['产业链', '所属产业链', 'chain']),
  ],
  entity: {
    label: 'Platform',
    noun: 'platform',
    codeColumn: null,
    codeHeader: '',
    codeName: '',
    idPrefix: 'plat',
    defaults: {},
    commonEnding:
      /(工程技术研究中心|工程研究中心|国际联合实验室|重点实验室|实验室|产业技术研究院|产业研究院|研究院|孵化器|众创空间|研发中心|中心)$/,
    placePrefixes: false,
    codeIsIdentity: false,
  },
  createsWithoutCode: true,
  optionColumns: { year: 'approvedYear' },
  subject: () => 'platform',
  subjectName: 'platform',
  check: (values, references) => {
    const found = hostsOf(values, references);
    return 'reason' in found ? found : chainProblem(values, references);
  },
  writes: ({ values, subjectId, references }: WriteInput) => {
    const found = hostsOf(values, references);
    if ('reason' in found) throw new Error(`platforms: row checked, yet ${found.reason}`);
    const rels: RelWrite[] = found.map((host) => ({
      type: 'HOSTS',
      fromLabel: host.label,
      from: host.id,
      toLabel: 'Platform',
      to: subjectId,
      props: { role: host.role },
      exclusive: false,
    }));
    rels.push(...chainLink('SERVES', { fromLabel: 'Platform', from: subjectId }, values, references));
    return {
      props: given({ kind: values.kind, level: values.level, approvedYear: int(values.approvedYear) }),
      nodes: [],
      rels,
    };
  },
};
