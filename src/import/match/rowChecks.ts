import { same } from '../apply/stored';
import type { KindSpec, SubjectSpec } from '../kinds';
import type { HeaderMatch } from '../read/headers';
import type { GraphIndex } from './graphIndex';
import type { GraphState } from './graphState';
import { codeOf, type Problem, type RowValues } from './rows';

/**
 * One code, one subject: remembers which subject each code of the file went to, and each subject's code (the
 * graph's, or that of the first row giving one). The check returns the problem of a row that contradicts either,
 * else records the row's code.
 */
export function oneCodeOneSubject(
  entity: SubjectSpec,
  index: GraphIndex,
  header: HeaderMatch,
): (values: RowValues, subjectId: string) => Problem | null {
  const subjectOfCode = new Map<string, { id: string; row: number }>();
  const codeOfSubject = new Map<string, { code: string; row: number }>();
  const { noun } = entity;
  return (values, subjectId) => {
    const code = codeOf(entity, values.values);
    if (!code || !entity.codeColumn) return null;
    const codeColumn = header.headers.get(entity.codeColumn) ?? entity.codeHeader;
    const other = subjectOfCode.get(code);
    const graphCode = index.byId.get(subjectId)?.code;
    const known = codeOfSubject.get(subjectId) ?? (graphCode ? { code: graphCode, row: 0 } : undefined);
    if (other && other.id !== subjectId) {
      const reason = `row ${other.row} gives this ${entity.codeName} to ${other.id}, this row to ${subjectId}: one code, one ${noun}`;
      return { row: values.row, column: codeColumn, value: code, reason };
    }
    if (known && known.code !== code) {
      const where = known.row ? `row ${known.row} gives it` : 'it has';
      const reason = `this row names ${subjectId}, but ${where} the ${entity.codeName} ${known.code}: one ${noun}, one code`;
      return { row: values.row, column: codeColumn, value: code, reason };
    }
    subjectOfCode.set(code, { id: subjectId, row: values.row });
    codeOfSubject.set(subjectId, { code, row: values.row });
    return null;
  };
}

/**
 * The first row planned for each subject and what the kind says a row is about (`KindSpec.subject`): a later row
 * about the same is a duplicate when its values are the same, a problem when they differ.
 */
export class FirstRows {
  private readonly firstOf = new Map<string, RowValues>();
  private readonly kind: KindSpec;
  private readonly header: HeaderMatch;

  constructor(kind: KindSpec, header: HeaderMatch) {
    this.kind = kind;
    this.header = header;
  }

  private key(values: RowValues, subjectId: string): string {
    return `${subjectId}|${this.kind.subject(values.values)}`;
  }

  /** What an earlier row about the same makes of this one: a duplicate of it, a problem, or null (no such row). */
  repeated(values: RowValues, subjectId: string): { sameAs: number } | { problem: Problem } | null {
    const first = this.firstOf.get(this.key(values, subjectId));
    if (!first) return null;
    const differing = Object.keys(values.values).filter((k) => !same(values.values[k], first.values[k]));
    if (differing.length === 0) return { sameAs: first.row };
    const columns = differing.map((k) => this.header.headers.get(k) ?? k).join(', ');
    const reason = `the same ${this.kind.subjectName} as row ${first.row}, with other values in ${columns}`;
    return { problem: { row: values.row, column: null, value: null, reason } };
  }

  /** Makes the row the first about its subject. */
  remember(values: RowValues, subjectId: string): void {
    this.firstOf.set(this.key(values, subjectId), values);
  }
}

/** The problem the kind finds with a row given what the graph holds (`KindSpec.conflict`), or null. */
export function conflictWithGraph(
  kind: KindSpec,
  values: RowValues,
  subjectId: string,
  index: GraphIndex,
  state: GraphState,
  header: HeaderMatch,
): Problem | null {
  const problem = kind.conflict?.(values.values, {
    relationship: (type, to) => state.rels.get(`${type}|${subjectId}|${to}`),
    qualificationIds: index.qualificationIds,
  });
  if (!problem) return null;
  return {
    row: values.row,
    column: header.headers.get(problem.column) ?? problem.column,
    value: null,
    reason: problem.reason,
  };
}
