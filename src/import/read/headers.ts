import type { ColumnSpec, KindSpec } from '../kinds';

/**
 * A header cell as compared: NFKC (full-width brackets and letters become half-width), lower case, without spaces,
 * line breaks, brackets and the `*` that marks a required column in a template; `统一社会信用代码\n（18位）` keeps
 * its words and unit: `统一社会信用代码18位`.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()[\]{}<>【】〔〕《》*＊:：]/g, '');
}

/** A header's text without what follows its name in brackets (a unit or a note): `营业收入（万元）` → `营业收入`. */
function withoutBracketed(text: string): string {
  return normalizeHeader(text.normalize('NFKC').replace(/[(（[【].*?[)）\]】]/g, ''));
}

/** How far below the top of a sheet the header row is looked for (title rows, notes). */
export const HEADER_SEARCH_ROWS = 30;

export interface HeaderMatch {
  /** 0-based index of the header row among the table's rows. */
  rowIndex: number;
  /** The column index of each matched column key. */
  columns: Map<string, number>;
  /** Each matched column's header as the file wrote it. */
  headers: Map<string, string>;
  /** Header cells that match no column of the kind (reported, not an error). */
  ignored: string[];
}

/**
 * Which column of a kind a header cell is. A header with a unit in brackets must match the unit too (so that
 * `营业收入（元）` is never read as 万元); a header without brackets matches by name. @returns null when none.
 */
export function columnOf(kind: KindSpec, cell: string): ColumnSpec | null {
  const full = normalizeHeader(cell);
  if (full === '') return null;
  const bare = withoutBracketed(cell);
  for (const column of kind.columns) {
    const names = [column.header, ...column.aliases];
    if (names.some((name) => normalizeHeader(name) === full)) return column;
  }
  for (const column of kind.columns) {
    // Only a header whose unit is not part of its contract name may add a note in brackets (`统一社会信用代码（18位）`).
    if (column.type === 'wanYuan') continue;
    const names = [column.header, ...column.aliases];
    if (names.some((name) => normalizeHeader(name) === bare)) return column;
  }
  return null;
}

/**
 * Finds the header row below any title rows: the first of the first 30 rows in which every required column of the
 * kind is named. @returns null when no row has them all (the caller reports which are missing from the best row).
 */
export function findHeaderRow(
  kind: KindSpec,
  rows: readonly (readonly string[])[],
  supplied: ReadonlySet<string> = new Set(),
): HeaderMatch | null {
  const required = kind.columns.filter((c) => c.required && !supplied.has(c.key)).map((c) => c.key);
  for (let rowIndex = 0; rowIndex < Math.min(rows.length, HEADER_SEARCH_ROWS); rowIndex += 1) {
    const columns = new Map<string, number>();
    const headers = new Map<string, string>();
    const ignored: string[] = [];
    (rows[rowIndex] ?? []).forEach((cell, index) => {
      if (cell.trim() === '') return;
      const column = columnOf(kind, cell);
      if (column && !columns.has(column.key)) {
        columns.set(column.key, index);
        headers.set(column.key, cell.replace(/\s+/g, ' ').trim());
      } else ignored.push(cell);
    });
    if (required.every((key) => columns.has(key))) return { rowIndex, columns, headers, ignored };
  }
  return null;
}

/** The required headers missing from the row of the first 30 that names most of them, for the error message. */
export function missingHeaders(
  kind: KindSpec,
  rows: readonly (readonly string[])[],
  supplied: ReadonlySet<string> = new Set(),
): string[] {
  const needed = kind.columns.filter((c) => c.required && !supplied.has(c.key));
  let best: string[] = needed.map((c) => c.header);
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const found = new Set(row.map((cell) => columnOf(kind, cell)?.key));
    const missing = needed.filter((c) => !found.has(c.key)).map((c) => c.header);
    if (missing.length < best.length) best = missing;
  }
  return best;
}
