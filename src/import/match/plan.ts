import type { ManagedTransaction } from 'neo4j-driver';
import type { NodeWrite, RelWrite } from '../kinds';
import type { HeaderMatch } from '../read/headers';
import type { TableRow } from '../read/readTable';
import { type GraphIndex, readGraphIndex } from './graphIndex';
import { emptyState, type GraphState, readState, readStateOfWrites } from './graphState';
import { matchRows, type ReviewItem } from './matchRow';
import type { PlanOptions } from './planOptions';
import { conflictWithGraph, FirstRows, oneCodeOneSubject } from './rowChecks';
import { type Problem, readRows } from './rows';
import { identifySubjects, type SubjectRow } from './subjectIds';
import { writesOf } from './writes';

/** A row ready to write: the row, what it writes, and what it was matched to. */
export interface PlannedRow {
  row: number;
  /** The firm, platform or project the row is about. */
  subjectId: string;
  nodes: NodeWrite[];
  rels: RelWrite[];
}

/** A row that repeats an earlier one of the file, values and all. */
export interface Duplicate {
  row: number;
  sameAs: number;
}

export interface Plan {
  rows: PlannedRow[];
  invalid: Problem[];
  review: ReviewItem[];
  duplicates: Duplicate[];
  /** Rows with nothing in any required column (blank lines, footnotes such as `注：排名不分先后`). */
  skipped: number;
  /** Rows with data (planned, invalid, under review or duplicate). */
  dataRows: number;
}

/**
 * Plans an import: reads the rows, matches them, finds duplicates and what each row would write. Reads the graph in
 * `tx` (the write transaction, when the plan is applied) and writes nothing.
 */
export async function planImport(
  tx: Pick<ManagedTransaction, 'run'>,
  header: HeaderMatch,
  dataRows: readonly TableRow[],
  options: PlanOptions,
  progress?: (done: number, total: number) => void,
): Promise<Plan & { state: GraphState }> {
  const { entity } = options.kind;
  const index = await readGraphIndex(tx, entity);
  const rowsRead = readRows(header, dataRows, index, options);
  const matching = await matchRows(rowsRead.read, index, options, header, progress);
  const subjects = identifySubjects(matching.matched, index, entity);
  const state = emptyState();
  // The subjects' state, the new ones' ids included (an id may exist under another name): what tells a new subject.
  const subjectIds = subjects.map((s) => s.subjectId);
  await readState(tx, state, entity.label, subjectIds);
  const planned = planRows(subjects, index, state, options, header);
  await readStateOfWrites(tx, state, planned.rows);
  const invalid = [...rowsRead.invalid, ...matching.invalid, ...planned.invalid].sort((a, b) => a.row - b.row);
  const { rows, duplicates } = planned;
  const { skipped } = rowsRead;
  return { rows, invalid, review: matching.review, duplicates, skipped, dataRows: dataRows.length - skipped, state };
}

/**
 * What each matched row writes, in file order, unless it gives a code that another row or the graph contradicts,
 * repeats an earlier row, or conflicts with what the graph holds. A new subject's first row creates it.
 */
function planRows(
  subjects: readonly SubjectRow[],
  index: GraphIndex,
  state: GraphState,
  options: PlanOptions,
  header: HeaderMatch,
): { rows: PlannedRow[]; duplicates: Duplicate[]; invalid: Problem[] } {
  const rows: PlannedRow[] = [];
  const duplicates: Duplicate[] = [];
  const invalid: Problem[] = [];
  const codeProblem = oneCodeOneSubject(options.kind.entity, index, header);
  const firstRows = new FirstRows(options.kind, header);
  /** Subjects this file creates: their later rows must not write the defaults of a new one again. */
  const createdHere = new Set<string>();
  for (const { values, match, subjectId } of subjects) {
    const wrongCode = codeProblem(values, subjectId);
    if (wrongCode) {
      invalid.push(wrongCode);
      continue;
    }
    const repeated = firstRows.repeated(values, subjectId);
    if (repeated) {
      if ('sameAs' in repeated) duplicates.push({ row: values.row, sameAs: repeated.sameAs });
      else invalid.push(repeated.problem);
      continue;
    }
    const conflict = conflictWithGraph(options.kind, values, subjectId, index, state, header);
    if (conflict) {
      invalid.push(conflict);
      continue;
    }
    firstRows.remember(values, subjectId);
    const isNew = match.kind === 'new' && !state.nodes.has(subjectId) && !createdHere.has(subjectId);
    if (isNew) createdHere.add(subjectId);
    const source = `${options.fileName}, row ${values.row}`;
    const writes = writesOf(options.kind, values.values, subjectId, isNew, index, state, source);
    rows.push({ row: values.row, subjectId, ...writes });
  }
  return { rows, duplicates, invalid };
}
