import type { SubjectSpec } from '../kinds';
import type { HeaderMatch } from '../read/headers';
import type { TableRow } from '../read/readTable';
import { type Cell, cellText, isBlank, parseValue } from '../read/values';
import type { GraphIndex } from './graphIndex';
import { optionValues, type PlanOptions, suppliedByOptions } from './planOptions';

/** A row problem, as the report lists it: the row as the spreadsheet numbers it, the column's header, the value. */
export interface Problem {
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
}

/** A data row read: its values by column key. */
export interface RowValues {
  row: number;
  values: Record<string, unknown>;
  /** The cell text of each column, for reports. */
  texts: Record<string, string>;
}

/** Words that open a footnote below the data (`注：排名不分先后`, `数据来源：统计局`). */
const NOTE = /^(注|说明|备注|附注|填表|填报|制表|审核|数据来源|来源)/;

/** A footnote row: one text (in one cell, or merged across the row) that opens like one. */
function isNote(cells: readonly Cell[]): boolean {
  const texts = new Set(cells.filter((c) => !isBlank(c)).map((c) => cellText(c)));
  const [text] = texts;
  return texts.size === 1 && text !== undefined && NOTE.test(text);
}

/** Reads the data rows below the header: values by column key, or the row's problems. */
export function readRows(
  header: HeaderMatch,
  rows: readonly TableRow[],
  index: GraphIndex,
  options: PlanOptions,
): { read: RowValues[]; invalid: Problem[]; skipped: number } {
  const spec = options.kind;
  const read: RowValues[] = [];
  const invalid: Problem[] = [];
  let skipped = 0;
  const supplied = suppliedByOptions(spec, options);
  const optionValue = optionValues(spec, options);
  for (const { row, cells } of rows) {
    const cellOf = (key: string): Cell => {
      const at = header.columns.get(key);
      return at === undefined ? null : (cells[at] ?? null);
    };
    const required = spec.columns.filter((c) => c.required && !supplied.has(c.key));
    if (required.every((c) => isBlank(cellOf(c.key))) || isNote(cells)) {
      skipped += 1;
      continue;
    }
    const values: Record<string, unknown> = {};
    const texts: Record<string, string> = {};
    const problems: Problem[] = [];
    for (const column of spec.columns) {
      const cell = cellOf(column.key);
      const shownHeader = header.headers.get(column.key) ?? column.header;
      texts[column.key] = cellText(cell);
      const parsed = header.columns.has(column.key)
        ? parseValue(column.type, cell, index.context, column.choices)
        : ({ ok: true, value: null } as const);
      if (!parsed.ok) {
        problems.push({ row, column: shownHeader, value: cellText(cell), reason: parsed.reason });
        continue;
      }
      // A cell says more than an option: the option fills the rows that leave the column empty.
      values[column.key] = parsed.value ?? optionValue[column.key] ?? null;
      if (values[column.key] === null && column.required) {
        problems.push({ row, column: shownHeader, value: '', reason: 'required, but empty' });
      }
    }
    if (problems.length === 0) {
      const problem = spec.check?.(values, index.references);
      if (problem) {
        const shownHeader = header.headers.get(problem.column) ?? problem.column;
        problems.push({ row, column: shownHeader, value: texts[problem.column] ?? '', reason: problem.reason });
      }
    }
    if (problems.length > 0) invalid.push(...problems);
    else read.push({ row, values, texts });
  }
  return { read, invalid, skipped };
}

/** The code a row gives its subject (credit code, 项目编号), if its kind has one and the cell is filled. */
export const codeOf = (entity: SubjectSpec, values: Record<string, unknown>): string | null =>
  entity.codeColumn ? ((values[entity.codeColumn] as string | null) ?? null) : null;
