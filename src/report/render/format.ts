import type { ReportTarget, ReportUnit } from '../input';

/**
 * How the annual report writes its figures, in the form a Chinese bureau's document uses: no space between a number
 * and its Chinese unit (“1,234家”, “8,104万元”), thousands separators, a ratio as a percentage with one decimal, and a
 * difference of ratios in 个百分点. A negative sign is the minus sign U+2212 (“−0.2个百分点”), as in print; a figure
 * that is null (withheld or not computed) is “—”.
 */

/** What a missing figure reads as. */
export const NONE = '—';

const MINUS = '\u2212';
const WAN = 1e4;
const YI = 1e8;

/** `value` with thousands separators and at most `digits` decimals (trailing zeros dropped). */
function grouped(value: number, digits: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A sign for a difference: “+”, the minus sign, or nothing for zero. */
function signOf(value: number): string {
  if (value > 0) return '+';
  return value < 0 ? MINUS : '';
}

/**
 * A count with its Chinese unit: 1234, '家' → “1,234家”. A count is a whole number; a fraction (an average, say) keeps
 * up to two decimals rather than being rounded away. A negative count gets the minus sign.
 */
export function formatCount(value: number | null, unitName: string): string {
  if (value === null) return NONE;
  return `${value < 0 ? MINUS : ''}${grouped(Math.abs(value), 2)}${unitName}`;
}

/**
 * An amount of yuan in the unit a planner reads budgets in. The rule, by the amount's size:
 * - 1亿元 and more: 亿元 with exactly two decimals (1.2e9 → “12.00亿元”), the precision budget tables use;
 * - 1万元 to under 1亿元: 万元 with thousands separators and at most two decimals (81,040,000 → “8,104万元”,
 *   81,045,678 → “8,104.57万元”);
 * - under 1万元: 元 with at most two decimals (5,000 → “5,000元”).
 * The unit is chosen on the magnitude, so a negative amount reads like its positive one with the minus sign.
 */
export function formatMoney(yuan: number | null): string {
  if (yuan === null) return NONE;
  const sign = yuan < 0 ? MINUS : '';
  const size = Math.abs(yuan);
  if (size >= YI) {
    const yi = (size / YI).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return `${sign}${yi}亿元`;
  }
  if (size >= WAN) return `${sign}${grouped(size / WAN, 2)}万元`;
  return `${sign}${grouped(size, 2)}元`;
}

/** A ratio (0.827) as a percentage with one decimal: “82.7%”. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return NONE;
  return `${ratio < 0 ? MINUS : ''}${Math.abs(ratio * 100).toFixed(1)}%`;
}

/** A figure in its unit: a ratio as a percentage, yuan in 万元 / 亿元, anything else as a count of `unitName`. */
export function formatValue(value: number | null, unit: ReportUnit, unitName: string): string {
  switch (unit) {
    case 'ratio':
      return formatPercent(value);
    case 'yuan':
      return formatMoney(value);
    case 'count':
      return formatCount(value, unitName);
  }
}

/**
 * The size of a difference, without sign: of two ratios in 个百分点 (0.027 → “2.7个百分点”), of amounts and counts
 * in their unit. A difference of ratios that is not zero but would read “0.0” gets more decimals (up to three), so a
 * target missed by a hair never looks met.
 */
export function formatDifference(value: number | null, unit: ReportUnit, unitName: string): string {
  if (value === null) return NONE;
  const size = Math.abs(value);
  if (unit !== 'ratio') return formatValue(size, unit, unitName);
  const points = size * 100;
  let digits = 1;
  while (digits < 3 && points !== 0 && Number(points.toFixed(digits)) === 0) digits += 1;
  return `${points.toFixed(digits)}个百分点`;
}

/**
 * A signed difference (a gap to the target, a change from last year): “+2.7个百分点”, “−0.2个百分点”, “+12家”,
 * “−1,200万元”; a zero difference has no sign (“0.0个百分点”, “0家”).
 */
export function formatChange(value: number | null, unit: ReportUnit, unitName: string): string {
  if (value === null) return NONE;
  return `${signOf(value)}${formatDifference(value, unit, unitName)}`;
}

/** A target with its direction: “≥85.0%” for at least, “≤5,000万元” for at most. */
export function formatTarget(target: Pick<ReportTarget, 'target' | 'comparison' | 'unit' | 'unitName'>): string {
  const op = target.comparison === 'AT_LEAST' ? '≥' : '≤';
  return `${op}${formatValue(target.target, target.unit, target.unitName)}`;
}

/** A target's status as the review writes it. */
export function formatStatus(status: ReportTarget['status']): string {
  switch (status) {
    case 'MET':
      return '达标';
    case 'NOT_MET':
      return '未达标';
    case 'SUPPRESSED':
      return '不公开';
    case 'UNAVAILABLE':
      return '暂无数据';
  }
}

/** The calendar parts of an instant in Beijing time (UTC+8, no daylight saving), whatever the server's zone. */
function beijingParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', number> {
  const shifted = new Date(instant.getTime() + 8 * 3600 * 1000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/**
 * An ISO date (“2024-12-31”, or the date part of a date-time) as a document writes it: “2024年12月31日”; null → “—”.
 * The date is read as written, not converted between zones: it is the data's own calendar date.
 */
export function formatDate(isoDate: string | null): string {
  if (isoDate === null) return NONE;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

/** An ISO 8601 instant as Beijing time to the minute: “2025年1月5日 08:30（北京时间）”. */
export function formatDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const p = beijingParts(instant);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}年${p.month}月${p.day}日 ${two(p.hour)}:${two(p.minute)}（北京时间）`;
}
