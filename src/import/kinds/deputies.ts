import { createHash } from 'node:crypto';
import { normalizeName } from '../match/names';
import { column, ENTERPRISE_SUBJECT, given, int, type KindSpec, type WriteInput } from './columns';

/** The 科技副总 programme, as SECONDED_TO.programme says it. */
const PROGRAMME = '科技副总';

/** The person a row names: one of this name at the 派出单位, or a new one (its id from the two), or why neither. */
function personOf(
  values: Record<string, unknown>,
  references: WriteInput['references'],
):
  | { column: string; reason: string }
  | { id: string; isNew: boolean; employer: { id: string; label: 'University' | 'ResearchInstitute' } } {
  const employer = references.academic(String(values.employer));
  if ('problem' in employer) return { column: 'employer', reason: employer.problem };
  const name = String(values.personName);
  const ids = references.persons(name, employer.id);
  if (ids.length > 1) {
    return { column: 'personName', reason: `more than one person of this name works there: ${ids.join(', ')}` };
  }
  if (ids.length === 1) return { id: ids[0] as string, isNew: false, employer };
  const hash = createHash('sha256')
    .update(`${employer.id}|${normalizeName(name)}`)
    .digest('hex')
    .slice(0, 32);
  return { id: `person-${hash}`, isNew: true, employer };
}

/**
 * `deputies`: a 科技副总 secondment list. A row is about the enterprise served (服务企业, matched as every firm is:
 * credit code when given, normalized name, review); the person is found by name among the staff of the 派出单位 (a
 * university or research institute of the graph), or created there. It writes the person's title, EMPLOYED_BY to
 * the 派出单位, and SECONDED_TO the firm with the batch and years.
 */
export const DEPUTIES: KindSpec = {
  kind: 'deputies',
  title: '科技副总选派名单',
  columns: [
    column('personName', '姓名', 'text', true, '张示例', ['科技副总姓名', 'person']),
    column('employer', '派出单位', 'text', true, '平顶山学院', ['派出高校', '所在单位', 'employer']),
    column('title', '职称', 'text', false, '教授', ['title']),
    column('name', '服务企业', 'text', true, '平顶山市示例科技有限公司（示例）', [
      '企业名称',
      '受聘企业',
      'enterprise',
    ]),
    column('creditCode', '统一社会信用代码', 'creditCode', false, '91410400MA44ABCD1Y', ['信用代码', 'credit code']),
    column('county', '所在县区', 'county', false, '新华区', ['县区', 'county', 'region']),
    column('batch', '批次', 'batch', true, '第一批', ['选派批次', 'batch']),
    column('fromYear', '起始年份', 'year', true, '2024', ['开始年份', '选派年份', 'from year']),
    column('toYear', '结束年份', 'year', false, '2026', ['截止年份', 'to year']),
  ],
  entity: ENTERPRISE_SUBJECT,
  createsWithoutCode: false,
  optionColumns: { year: 'fromYear' },
  subject: (values) =>
    `person ${normalizeName(String(values.personName))} of ${normalizeName(String(values.employer))}`,
  subjectName: 'firm and person',
  check: (values, references) => {
    const until = values.toYear as number | null;
    if (until !== null && until < (values.fromYear as number)) {
      return { column: 'toYear', reason: `before the 起始年份 (${String(values.fromYear)})` };
    }
    const person = personOf(values, references);
    return 'reason' in person ? person : null;
  },
  writes: ({ values, subjectId, references }: WriteInput) => {
    const person = personOf(values, references);
    if ('reason' in person) throw new Error(`deputies: row checked, yet ${person.reason}`);
    const props = person.isNew
      ? given({ name: values.personName, title: values.title, expertise: [], synthetic: false })
      : given({ title: values.title });
    return {
      props: {},
      nodes: [{ label: 'Person', id: person.id, props }],
      rels: [
        {
          type: 'EMPLOYED_BY',
          fromLabel: 'Person',
          from: person.id,
          toLabel: person.employer.label,
          to: person.employer.id,
          props: {},
          exclusive: false,
        },
        {
          type: 'SECONDED_TO',
          fromLabel: 'Person',
          from: person.id,
          toLabel: 'Enterprise',
          to: subjectId,
          // As everywhere, an empty cell never erases: an empty 结束年份 keeps the end year the graph has.
          props: given({
            programme: PROGRAMME,
            batch: int(values.batch),
            fromYear: int(values.fromYear),
            toYear: int(values.toYear),
          }),
          exclusive: false,
        },
      ],
    };
  },
};
