import type { HeaderMatch } from '../read/headers';
import type { GraphIndex, SubjectRef } from './graphIndex';
import { REVIEW_THRESHOLD, similarity } from './names';
import type { PlanOptions } from './planOptions';
import { codeOf, type Problem, type RowValues } from './rows';

/** A subject a row under review may be about, with how alike the names are (1: the same). */
export interface Candidate {
  id: string;
  name: string;
  score: number;
}

/** A row a person must decide (`--mapping`): its name and its candidates, best first. */
export interface ReviewItem {
  row: number;
  name: string;
  candidates: Candidate[];
}

/**
 * Candidates for a name with no exact match: names scoring at least REVIEW_THRESHOLD, best first, at most 5. A row
 * with a code (credit code, 项目编号) is not offered subjects that have another code: a credit code names one legal
 * person, a number one project, so those are others, however alike the names.
 */
function candidatesFor(normalized: string, index: GraphIndex, code: string | null): Candidate[] {
  return index
    .similar()
    .similarTo(normalized, REVIEW_THRESHOLD)
    .filter(({ item: e }) => !code || !e.code || e.code === code)
    .map(({ item: e, score }) => ({ id: e.id, name: e.name, score: Math.round(score * 100) / 100 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 5);
}

/** What a row is about: a subject of the graph, a new one, one a person must choose, or a problem. */
export type Match =
  | { kind: 'existing'; id: string }
  | { kind: 'new' }
  | { kind: 'review'; candidates: Candidate[] }
  | { kind: 'invalid'; problem: Problem };

/**
 * Matching, in the order the reference gives: code, normalized name, review, new (where allowed). A mapping
 * (`--mapping`) decides only a row that would otherwise be under review, and only for what it may decide: an id of
 * a subject whose code does not contradict the row's, or `new` where the kind may create it.
 */
export function matchRow(values: RowValues, index: GraphIndex, options: PlanOptions, header: HeaderMatch): Match {
  const { row } = values;
  const entity = options.kind.entity;
  const { noun } = entity;
  const code = codeOf(entity, values.values);
  const name = values.values.name as string | null;
  const codeColumn = entity.codeColumn ? (header.headers.get(entity.codeColumn) ?? entity.codeHeader) : null;
  const normalized = index.normalize(name ?? '');
  const holders = code ? (index.byCode.get(code) ?? []) : [];
  // A person's decision on a row under review (`--mapping`): what `accept` makes of it, else a problem.
  const review = (candidates: Candidate[], accept: (mapped: string) => Match | string): Match => {
    const mapped = options.mapping.get(row);
    if (mapped === undefined) return { kind: 'review', candidates };
    const decided = accept(mapped);
    return typeof decided === 'string'
      ? { kind: 'invalid', problem: { row, column: null, value: mapped, reason: decided } }
      : decided;
  };
  // A code that is not an identity (项目编号: unique within a programme only) matches when the names agree too;
  // otherwise a person decides between the holders (one code on two different names is never taken on trust).
  const score = (e: SubjectRef) => similarity(e.normalized, normalized, entity.commonEnding);
  const [holder] = holders;
  if (holder && holders.length === 1) {
    if (entity.codeIsIdentity || holder.normalized === normalized || score(holder) >= REVIEW_THRESHOLD) {
      return { kind: 'existing', id: holder.id };
    }
  }
  if (holders.length > 0) {
    const candidates = holders.map((e) => ({ id: e.id, name: e.name, score: Math.round(score(e) * 100) / 100 }));
    return review(candidates, (mapped) =>
      holders.some((e) => e.id === mapped)
        ? { kind: 'existing', id: mapped }
        : `the mapping names ${mapped}, but the ${entity.codeName} ${code} is that of ${holders.map((e) => e.id).join(', ')}`,
    );
  }
  // Subjects with another code than the row's are others (another legal person, another project), whatever their names.
  const compatible = (e: SubjectRef) => !code || !e.code || e.code === code;
  const sameName = index.byName.get(normalized) ?? [];
  const same = sameName.filter(compatible);
  if (same.length === 1) return { kind: 'existing', id: (same[0] as SubjectRef).id };
  if (sameName.length === 1 && same.length === 0) {
    const found = sameName[0] as SubjectRef;
    const reason = `the name is that of ${found.id}, whose ${entity.codeName} is ${found.code}: correct the code, or the name if this is another ${noun}`;
    return { kind: 'invalid', problem: { row, column: codeColumn, value: code, reason } };
  }
  const candidates =
    same.length > 1 ? same.map((e) => ({ id: e.id, name: e.name, score: 1 })) : candidatesFor(normalized, index, code);
  const mayCreate = options.kind.createsWithoutCode || Boolean(code);
  if (candidates.length > 0) {
    return review(candidates, (mapped) => {
      const decided = index.byId.get(mapped);
      if (mapped === 'new' && mayCreate) return { kind: 'new' };
      if (decided && compatible(decided)) return { kind: 'existing', id: decided.id };
      return mapped === 'new'
        ? `the mapping says new, but a ${noun} is created only with its ${entity.codeHeader}`
        : decided
          ? `the mapping names ${mapped}, whose ${entity.codeName} ${decided.code} is not the row's`
          : `the mapping names ${mapped}, which is no ${entity.label.toLowerCase()}`;
    });
  }
  if (mayCreate) return { kind: 'new' };
  const column = header.headers.get('name') ?? options.kind.columns.find((c) => c.key === 'name')?.header ?? 'name';
  const reason = `no ${entity.label.toLowerCase()} of this name is in the graph; give its ${entity.codeHeader} to create it`;
  return { kind: 'invalid', problem: { row, column, value: name ?? '', reason } };
}

/** A row matched to a subject of the graph, or to a new one. */
export interface MatchedRow {
  values: RowValues;
  match: Extract<Match, { kind: 'existing' | 'new' }>;
}

/**
 * Matches every row read (matchRow): the rows matched, those under review, and those whose match is a problem. Calls
 * `progress` every 500 rows.
 */
export async function matchRows(
  read: readonly RowValues[],
  index: GraphIndex,
  options: PlanOptions,
  header: HeaderMatch,
  progress?: (done: number, total: number) => void,
): Promise<{ matched: MatchedRow[]; review: ReviewItem[]; invalid: Problem[] }> {
  const invalid: Problem[] = [];
  const review: ReviewItem[] = [];
  const matched: MatchedRow[] = [];
  for (const [i, values] of read.entries()) {
    const m = matchRow(values, index, options, header);
    if (m.kind === 'invalid') invalid.push(m.problem);
    else if (m.kind === 'review') {
      review.push({ row: values.row, name: String(values.values.name), candidates: m.candidates });
    } else matched.push({ values, match: m });
    if ((i + 1) % 500 === 0) {
      progress?.(i + 1, read.length);
      // Matching is CPU work: let the server answer others (health checks included) between slices of a large file.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { matched, review, invalid };
}
