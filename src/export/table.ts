import ExcelJS from 'exceljs';

/** How a column's values are written: text, a whole number, an amount in 万元, or a ratio (a percentage in Excel). */
export type ColumnKind = 'text' | 'integer' | 'wanYuan' | 'number' | 'ratio';

export interface TableColumn {
  /** The header, Chinese, with the unit in brackets where there is one: `营业收入（万元）`. */
  header: string;
  kind: ColumnKind;
}

/** A tabular answer, ready for a spreadsheet: the sheet's name, its columns, its rows (numbers as numbers). */
export interface Table {
  name: string;
  columns: TableColumn[];
  rows: (string | number | null)[][];
  /** Lines about the whole table (filters, totals), on a second sheet of the workbook; CSV leaves them out. */
  notes: [string, string | number][];
}

const FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  integer: '#,##0',
  wanYuan: '#,##0.00##',
  number: '#,##0.####',
  ratio: '0.00%',
};

/** Byte-order mark: without it Excel reads UTF-8 CSV as the local code page and garbles the Chinese. */
const BOM = '\uFEFF';

/**
 * A text cell that a spreadsheet program would run as a formula (`=…`, `+…`, `-…`, `@…`, or a tab or carriage return
 * first), written with a leading apostrophe so that it stays text: names come from imported files, and an imported
 * `=HYPERLINK(…)` must not become a live formula in a planner's Excel (OWASP "CSV injection"). Numbers are untouched;
 * the .xlsx export stores strings as strings, so it needs nothing of the kind.
 */
function inert(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(raw: string | number | null): string {
  const value = inert(raw);
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: UTF-8 with a BOM (so that Excel reads the Chinese), CRLF, one header line, numbers unformatted. */
export function toCsv(table: Table): Buffer {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map(csvCell).join(','));
  return Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * The table as a workbook: a bold, frozen header row, column widths from the content, numbers stored as numbers
 * with a display format (万元 with up to 4 decimals, ratios as percentages), and a second sheet 说明 with the notes.
 */
export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column, i) => {
    // Width in characters: a CJK character takes about two.
    const width = (value: unknown) =>
      [...String(value ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0);
    const longest = Math.max(width(column.header), ...table.rows.slice(0, 1000).map((row) => width(row[i])));
    return {
      header: column.header,
      width: Math.min(60, Math.max(8, longest + 2)),
      style: { numFmt: FORMATS[column.kind] },
    };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).numFmt = '@';
  for (const row of table.rows) sheet.addRow(row);
  if (table.notes.length > 0) {
    const notes = workbook.addWorksheet('说明');
    notes.columns = [
      { header: '项目', width: 24 },
      { header: '值', width: 40 },
    ];
    notes.getRow(1).font = { bold: true };
    for (const note of table.notes) notes.addRow(note);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
