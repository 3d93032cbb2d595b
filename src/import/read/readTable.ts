import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import yauzl from 'yauzl';
import type { Cell } from './values';

/** One row of a sheet, numbered as the spreadsheet program shows it (1 = the first line of the file). */
export interface TableRow {
  row: number;
  cells: Cell[];
}

export interface Table {
  /** The sheet read (.xlsx), or null for CSV. */
  sheet: string | null;
  /** How a CSV file was decoded (`utf-8`, `utf-8 with BOM`, `gb18030`), or null for .xlsx. */
  encoding: string | null;
  rows: TableRow[];
}

/**
 * The most rows one file may have: an import is one transaction, and a bureau's largest list (the register of a
 * province) is well under this. A larger file is split by the user, not half-imported.
 */
export const MAX_ROWS = 200_000;

/** A file the importer cannot read at all: a usage or file error (exit 2, HTTP 400), never a row problem. */
export class FileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileError';
  }
}

/**
 * Decodes a CSV file: UTF-8 with or without a BOM, else GB18030 (a superset of GBK, what Excel on Chinese Windows
 * saves as "CSV"). Node's own TextDecoder (full ICU) decodes both, so no iconv package is needed: a file is UTF-8
 * when it decodes as strict UTF-8, which GBK text almost never does.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 with BOM' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(encoding).decode(bytes.subarray(2)), encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new FileError('the CSV file is neither UTF-8 nor GBK/GB18030 text; save it as "CSV UTF-8" and try again');
    }
  }
}

function readCsv(bytes: Buffer): Table {
  const { text, encoding } = decodeCsv(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      relax_column_count: true,
      info: true,
      skip_empty_lines: false,
      bom: false,
      // One record past the bound is enough to refuse the file (readTable): a file of millions of empty lines is
      // never held in memory whole.
      to: MAX_ROWS + 1,
    }) as unknown as typeof records;
  } catch (error) {
    throw new FileError(`the CSV file cannot be read: ${(error as Error).message}`);
  }
  return {
    sheet: null,
    encoding,
    // The row as Excel shows it is the record's position (blank lines are records too): csv-parse's line count would
    // drift after a cell with a line break in it, such as the header `"统一社会信用代码\n（18位）"`.
    rows: records.map(({ record }, i) => ({ row: i + 1, cells: record })),
  };
}

/** The value of an .xlsx cell as the sheet shows it: a formula's result, rich text's text, a hyperlink's text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || (typeof result === 'object' && result !== null && 'error' in result)) return null;
    return result as Cell;
  }
  if ('text' in value) {
    // A hyperlink: its text, plain or rich.
    const text = value.text as unknown;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) {
      return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    }
  }
  if ('error' in value) return null;
  return null;
}

/** The most an .xlsx may inflate to (its XML): a 200,000-row sheet is about 100 MB. */
export const MAX_INFLATED_BYTES = 128 * 1_048_576;

/** Columns read from a sheet: a stray cell far to the right (column XFD) must not make every row 16,384 cells. */
export const MAX_COLUMNS = 200;

/**
 * Inflates every part of an .xlsx once, counting, before exceljs reads it: exceljs (JSZip) would inflate a zip bomb —
 * a few MB that declare small sizes and expand to gigabytes — into memory and take the process down. yauzl checks
 * each part's bytes against its declared size as it streams, so a part that lies fails here, and the total is
 * bounded by MAX_INFLATED_BYTES.
 */
async function checkInflatedSize(bytes: Buffer): Promise<void> {
  const refuse = (why: string) => new FileError(`the .xlsx file cannot be read safely: ${why}`);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error || !file ? reject(refuse(error?.message ?? 'not a zip archive')) : resolve(file),
    ),
  );
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error: Error) => reject(refuse(error.message)));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (total + entry.uncompressedSize > MAX_INFLATED_BYTES) {
        reject(refuse(`it inflates to more than ${MAX_INFLATED_BYTES / 1_048_576} MB`));
        zip.close();
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          reject(refuse(error?.message ?? 'a part cannot be read'));
          return;
        }
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
        });
        stream.on('error', (streamError: Error) => reject(refuse(streamError.message)));
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

async function readXlsx(bytes: Buffer, sheetName: string | null): Promise<Table> {
  await checkInflatedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new FileError(`the file is not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const worksheet = sheetName === null ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!worksheet) {
    throw new FileError(
      sheetName === null
        ? 'the workbook has no sheet'
        : `the workbook has no sheet named ${JSON.stringify(sheetName)}; its sheets: ${sheets.join(', ')}`,
    );
  }
  const rows: TableRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > MAX_COLUMNS) return;
      // A merged cell reads as its value in every cell it covers (exceljs gives the covered cells the master's
      // value): a county merged down over the rows of its firms belongs to each of them.
      cells[column - 1] = cellValue(cell.isMerged ? cell.master.value : cell.value);
    });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= null;
    rows.push({ row: row.number, cells });
  });
  return { sheet: worksheet.name, encoding: null, rows };
}

function bounded(table: Table): Table {
  if (table.rows.length > MAX_ROWS) {
    throw new FileError(`the file has ${table.rows.length} rows, more than ${MAX_ROWS}: split it into several files`);
  }
  return table;
}

/** Reads a spreadsheet file: `.xlsx` (its first sheet, or `sheet`) or `.csv`; anything else is a FileError. */
export async function readTable(bytes: Buffer, fileName: string, sheet: string | null = null): Promise<Table> {
  const extension = path.extname(fileName).toLowerCase();
  if (extension === '.csv') {
    if (sheet !== null) throw new FileError('--sheet applies to .xlsx files only');
    return bounded(readCsv(bytes));
  }
  if (extension === '.xlsx') return bounded(await readXlsx(bytes, sheet));
  if (extension === '.xls') {
    throw new FileError('.xls (Excel 97–2003) is not read: open the file in Excel or WPS and save it as .xlsx');
  }
  throw new FileError(`${fileName}: only .xlsx and .csv files are imported`);
}
