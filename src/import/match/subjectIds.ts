import { createHash } from 'node:crypto';
import type { SubjectSpec } from '../kinds';
import type { GraphIndex } from './graphIndex';
import type { MatchedRow } from './matchRow';
import { codeOf } from './rows';

/** A matched row with the id of the subject it is about (an existing one's, or the id a new one gets). */
export interface SubjectRow extends MatchedRow {
  subjectId: string;
}

/**
 * The id of a subject a row creates: `<prefix>-<code>` when it has a code made of letters, digits and dashes (a
 * credit code always is), else `<prefix>-name-` or `<prefix>-code-` and a hash (a 项目编号 may hold any character).
 */
function newSubjectId(entity: SubjectSpec, values: Record<string, unknown>, normalized: string): string {
  const code = codeOf(entity, values);
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  if (code)
    return /^[A-Za-z0-9-]{1,40}$/.test(code) ? `${entity.idPrefix}-${code}` : `${entity.idPrefix}-code-${hash(code)}`;
  return `${entity.idPrefix}-name-${hash(normalized)}`;
}

/**
 * The subject of every matched row. A subject new to the graph is created once per file: rows without a code that
 * name it as a row with its code does (the only code given that name in the file) are about the same firm, platform
 * or project.
 */
export function identifySubjects(matched: readonly MatchedRow[], index: GraphIndex, entity: SubjectSpec): SubjectRow[] {
  const newCodes = new Map<string, Set<string>>();
  for (const { values, match: m } of matched) {
    const code = codeOf(entity, values.values);
    if (m.kind !== 'new' || !code) continue;
    const name = index.normalize(String(values.values.name));
    newCodes.set(name, (newCodes.get(name) ?? new Set()).add(code));
  }
  const subjectIdOf = ({ values, match: m }: MatchedRow) => {
    if (m.kind === 'existing') return m.id;
    const name = index.normalize(String(values.values.name));
    const codes = [...(newCodes.get(name) ?? [])];
    const [only] = codes;
    const adopted =
      !codeOf(entity, values.values) && codes.length === 1 && entity.codeColumn
        ? { ...values.values, [entity.codeColumn]: only }
        : values.values;
    return newSubjectId(entity, adopted, name);
  };
  return matched.map((row) => ({ ...row, subjectId: subjectIdOf(row) }));
}
