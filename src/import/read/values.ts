import { QUALIFICATIONS, validateCreditCode, validateIndustryCode } from '../../domain';
import type { Choice, ValueType } from './valueTypes';

/** A cell as read: CSV gives text; .xlsx gives numbers, dates and booleans too. */
export type Cell = string | number | boolean | Date | null;

/** A county as the graph has it. */
export interface County {
  code: string;
  name: string;
}

/** What reading a cell needs besides the cell: the graph's regions. */
export interface ValueContext {
  counties: readonly County[];
  /** The city's name, accepted (and ignored) in front of a county's name: `平顶山市新华区`. */
  cityPrefixes: readonly string[];
}

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (reason: string): Parsed => ({ ok: false, reason });

/** True for a cell that says nothing (null, or only spaces). */
export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell as text, the way the spreadsheet shows it (for reports). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

/** Excel's serial day 0 is 1899-12-30 (its 1900 leap-year bug included), in UTC. */
function fromExcelSerial(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000));
}

function isoDate(year: number, month: number, day: number): Parsed {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`the year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail('not a date of the calendar');
  }
  return ok(date.toISOString().slice(0, 10));
}

/**
 * A date in any form the reference lists: an .xlsx date, an Excel serial, `2024-03-01`, `2024/3/1`, `2024.3.1`,
 * `2024年3月1日`, `2024年3月` (the 1st), `2024` or `2024年` (1 January). @returns `YYYY-MM-DD`
 */
export function parseDate(cell: Cell): Parsed {
  if (cell instanceof Date) {
    return isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= MIN_YEAR && cell <= MAX_YEAR) return isoDate(cell, 1, 1);
    if (cell > 0 && cell < 2_958_466) return parseDate(fromExcelSerial(cell));
    return fail('not a date');
  }
  const text = cellText(cell).normalize('NFKC');
  const match =
    /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?|月)?)?\s*年?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return fail('not a date (write 2024-03-01, 2024/3/1, 2024年3月1日, 2024年3月 or 2024)');
  return isoDate(Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1));
}

/** A year: `2024`, `2024年`, a number, or a date (its year). */
export function parseYear(cell: Cell): Parsed {
  if (typeof cell === 'number' && Number.isInteger(cell)) {
    return cell >= MIN_YEAR && cell <= MAX_YEAR ? ok(cell) : fail(`a year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  const text = cellText(cell).normalize('NFKC');
  if (/^\d{4}\s*年?(度)?$/.test(text)) return parseYear(Number(text.slice(0, 4)));
  const date = parseDate(cell);
  if (!date.ok) return fail(`not a year (write 2024 or 2024年)`);
  return ok(Number(String(date.value).slice(0, 4)));
}

const TRUE_WORDS = new Set(['是', '有', '√', '✓', '✔', 'y', 'yes', 'true', '1', '对']);
const FALSE_WORDS = new Set(['否', '无', '没有', '×', '✗', 'n', 'no', 'false', '0', '不是']);

/** A boolean: 是/否, 有/无, √ or blank, Y/N, 1/0, true/false. A blank cell is false (a tick column leaves it empty). */
export function parseBoolean(cell: Cell): Parsed {
  if (typeof cell === 'boolean') return ok(cell);
  if (isBlank(cell)) return ok(false);
  const text = cellText(cell).normalize('NFKC').toLowerCase();
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  return fail('not a yes/no value (write 是/否, 有/无, √, Y/N or 1/0)');
}

/** The digits of a number written as text: thousands separators and spaces removed, NFKC (full-width digits). */
function numberText(cell: Cell): string {
  // A number Excel stores (a double): its shortest round-trip decimal, as Excel shows it (12345.67, not the binary
  // expansion 12345.670000000000072…); an exponent (below 1e-6 or from 1e21) fails the digit patterns of the callers.
  // 15 significant digits, as Excel shows them: a formula's 110.00000000000001 is the 110 the sheet displays.
  if (typeof cell === 'number') return String(Number(cell.toPrecision(15)));
  return cellText(cell).normalize('NFKC').replace(/[,\s]/g, '');
}

/**
 * An amount in 万元 as whole yuan, exactly: `12.5` → 125000n. Decimal arithmetic on the digits (never a float
 * multiplication); more than 4 decimals would be a fraction of a yuan, an error rather than a rounding.
 */
export function parseWanYuan(cell: Cell): Parsed {
  const text = numberText(cell);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) {
    if (/^-\d/.test(text)) return fail('an amount cannot be negative');
    return fail('not an amount in 万元 (write digits, e.g. 12345.67)');
  }
  const decimals = match[2] ?? '';
  if (decimals.replace(/0+$/, '').length > 4) return fail('more than 4 decimals in 万元 is a fraction of a yuan');
  const yuan = BigInt(match[1] ?? '0') * 10_000n + BigInt((decimals + '0000').slice(0, 4));
  if (yuan > 9_223_372_036_854_775_807n) return fail('the amount is too large');
  return ok(yuan);
}

/** A whole count (people): digits, no decimals, not negative. */
export function parseCount(cell: Cell): Parsed {
  const text = numberText(cell);
  if (/^-\d/.test(text)) return fail('a count cannot be negative');
  if (!/^\d+(\.0*)?$/.test(text)) return fail('not a whole number');
  const value = Number(text);
  return Number.isSafeInteger(value) && value <= 2_147_483_647 ? ok(value) : fail('the number is too large');
}

const DIGITS = '一二三四五六七八九';

/**
 * A batch number (批次) as lists write it: `2`, `第2批`, `第二批`, `二`, `第十二批次`. Chinese numerals are read up to
 * 99 here (batches never reach 100); a library for them (nzh) would add a dependency for nine lines.
 */
export function parseBatch(cell: Cell): Parsed {
  const text = cellText(cell)
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/^第/, '')
    .replace(/批次?$/, '');
  const numeral = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (numeral && text !== '') {
    const [, tens = '', ten = '', units = ''] = numeral;
    const digit = (d: string) => (d === '' ? 0 : DIGITS.indexOf(d) + 1);
    if (ten === '')
      return tens !== '' && units !== '' ? fail('not a batch number (2, 第2批 or 第二批)') : ok(digit(tens + units));
    return ok((tens === '' ? 1 : digit(tens)) * 10 + digit(units));
  }
  const count = parseCount(text);
  return count.ok && (count.value as number) > 0 && (count.value as number) < 100
    ? count
    : fail('not a batch number (2, 第2批 or 第二批)');
}

/**
 * A county by GB/T 2260 code or by name, with or without the city's name in front (`平顶山市新华区`), and a name
 * without its suffix where that is unique (`新华` for 新华区). @returns its code
 */
export function parseCounty(cell: Cell, context: ValueContext): Parsed {
  const text = cellText(cell).normalize('NFKC').replace(/\s/g, '');
  if (/^\d{6}$/.test(text)) {
    return context.counties.some((c) => c.code === text) ? ok(text) : fail(`no region has the code ${text}`);
  }
  let name = text;
  for (const prefix of ['河南省', ...context.cityPrefixes])
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  const exact = context.counties.filter((c) => c.name === name);
  if (exact.length === 1) return ok(exact[0]!.code);
  if (exact.length > 1) return fail(`more than one region is named ${name}: give its 6-digit code`);
  const stems = context.counties.filter((c) => c.name.replace(/(区|县|市)$/, '') === name);
  if (stems.length === 1) return ok(stems[0]!.code);
  const known = context.counties.map((c) => c.name).join('、');
  return fail(`not a county of the city (one of ${known}, or its 6-digit code)`);
}

/** A qualification by code (`HIGH_TECH`) or Chinese name (`高新技术企业`, `高企`). @returns its code */
export function parseQualification(cell: Cell): Parsed {
  const text = cellText(cell).normalize('NFKC').replace(/\s/g, '');
  for (const [code, { name, aliases }] of Object.entries(QUALIFICATIONS)) {
    if (text.toUpperCase() === code || text === name || aliases.includes(text)) return ok(code);
  }
  return fail(
    `not a qualification (one of ${Object.values(QUALIFICATIONS)
      .map((q) => q.name)
      .join('、')})`,
  );
}

/**
 * One of a few values (a platform's level or kind, a project's level), by any of its texts or by the value itself
 * (`省级`, `省`, `PROVINCIAL`), after NFKC and without spaces.
 */
export function parseChoice(cell: Cell, choices: readonly Choice[]): Parsed {
  const text = cellText(cell).normalize('NFKC').replace(/\s/g, '');
  const found = choices.find((c) => text.toUpperCase() === c.value || c.texts.includes(text));
  return found ? ok(found.value) : fail(`not one of ${choices.map((c) => c.texts[0]).join('、')}`);
}

/** Names in one cell (参与单位), separated by `、`, `;`, `；`, `,`, `，` or a line break; empty parts dropped. */
export function parseList(cell: Cell): Parsed {
  const names = cellText(cell)
    .split(/[、;；,，\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return ok(names.length > 0 ? names : null);
}

/**
 * Reads a cell as its column's type. A blank cell is null (the caller knows whether the column is required), except
 * in a yes/no column, where blank is "no" (√ or blank); a column the file does not have is never read.
 */
export function parseValue(
  type: ValueType,
  cell: Cell,
  context: ValueContext,
  choices: readonly Choice[] = [],
): Parsed {
  if (isBlank(cell) && type !== 'boolean') return ok(null);
  switch (type) {
    case 'text':
      return ok(cellText(cell).replace(/\s+/g, ' '));
    case 'code':
      // A number as its own people write it (项目编号): full-width characters as half-width, no spaces.
      return ok(cellText(cell).normalize('NFKC').replace(/\s+/g, ''));
    case 'creditCode': {
      // Excel keeps 15 digits of a number: an 18-character code typed into a number cell has lost its last ones.
      if (typeof cell === 'number') {
        return fail(
          'the code is stored as a number, which loses its last digits: format the column as text and type it again',
        );
      }
      const code = cellText(cell).normalize('NFKC').replace(/\s/g, '').toUpperCase();
      const reason = validateCreditCode(code);
      return reason === null ? ok(code) : fail(`not a valid unified social credit code: ${reason}`);
    }
    case 'industryCode': {
      const code = cellText(cell).normalize('NFKC').replace(/\s/g, '').toUpperCase();
      const reason = validateIndustryCode(code);
      return reason === null ? ok(code) : fail(`not a GB/T 4754 industry code: ${reason}`);
    }
    case 'county':
      return parseCounty(cell, context);
    case 'boolean':
      return parseBoolean(cell);
    case 'year':
      return parseYear(cell);
    case 'date':
      return parseDate(cell);
    case 'count':
      return parseCount(cell);
    case 'wanYuan':
      return parseWanYuan(cell);
    case 'qualification':
      return parseQualification(cell);
    case 'choice':
      return parseChoice(cell, choices);
    case 'batch':
      return parseBatch(cell);
    case 'list':
      return parseList(cell);
  }
}
