// @ts-check
// How the dashboard writes its figures: the rules of the annual report (src/report/render/format.ts) in the browser.
// In Chinese no space between a number and its unit (“1,234家”, “8,104万元”), thousands separators, a ratio as a
// percentage with one decimal and a difference of ratios in 个百分点; the minus sign U+2212; a missing figure “—”.
// In English the same figures with English units (“1,234 enterprises”, “81.04 million yuan”, “2.7 pp”).
import { language, unitName } from './i18n.js';

/** What a missing figure reads as. */
export const NONE = '—';

const MINUS = '\u2212';
const WAN = 1e4;
const YI = 1e8;

/**
 * `value` with thousands separators and at most `digits` decimals (trailing zeros dropped).
 * @param {number} value
 * @param {number} digits
 */
const grouped = (value, digits) => value.toLocaleString('en-US', { maximumFractionDigits: digits });

/** @param {number} value */
const signOf = (value) => (value > 0 ? '+' : value < 0 ? MINUS : '');

/**
 * A count with its unit: “1,234家” / “1,234 enterprises”.
 * @param {number | null} value
 * @param {string} name the unit's name
 */
export function formatCount(value, name) {
  if (value === null) return NONE;
  const figure = `${value < 0 ? MINUS : ''}${grouped(Math.abs(value), 2)}`;
  return language() === 'en' ? `${figure} ${name}` : `${figure}${name}`;
}

/**
 * An amount of yuan: 亿元 with two decimals from 1亿元, 万元 from 1万元, else 元 (English: million yuan, yuan).
 * @param {number | null} yuan
 */
export function formatMoney(yuan) {
  if (yuan === null) return NONE;
  const sign = yuan < 0 ? MINUS : '';
  const size = Math.abs(yuan);
  if (language() === 'en') {
    return size >= 1e6 ? `${sign}${grouped(size / 1e6, 2)} million yuan` : `${sign}${grouped(size, 2)} yuan`;
  }
  if (size >= YI) {
    return `${sign}${(size / YI).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}亿元`;
  }
  if (size >= WAN) return `${sign}${grouped(size / WAN, 2)}万元`;
  return `${sign}${grouped(size, 2)}元`;
}

/**
 * A ratio (0.827) as a percentage with one decimal: “82.7%”.
 * @param {number | null} ratio
 */
export function formatPercent(ratio) {
  if (ratio === null) return NONE;
  return `${ratio < 0 ? MINUS : ''}${Math.abs(ratio * 100).toFixed(1)}%`;
}

/**
 * A figure of `metric` in the API's `unit` (ratio, yuan, or a count).
 * @param {number | null} value
 * @param {string} unit
 * @param {string} metric
 */
export function formatValue(value, unit, metric) {
  if (unit === 'ratio') return formatPercent(value);
  if (unit === 'yuan') return formatMoney(value);
  return formatCount(value, unitName(metric));
}

/**
 * A signed difference (a change from last year): “+2.7个百分点”, “−12家”; a zero difference has no sign. A difference
 * of ratios that is not zero but would read 0.0 gets up to three decimals, so a change by a hair never looks like none.
 * @param {number | null} value
 * @param {string} unit
 * @param {string} metric
 */
export function formatChange(value, unit, metric) {
  if (value === null) return NONE;
  const size = Math.abs(value);
  if (unit !== 'ratio') return `${signOf(value)}${formatValue(size, unit, metric)}`;
  const points = size * 100;
  let digits = 1;
  while (digits < 3 && points !== 0 && Number(points.toFixed(digits)) === 0) digits += 1;
  return `${signOf(value)}${points.toFixed(digits)}${language() === 'en' ? ' pp' : '个百分点'}`;
}

/**
 * A target with its direction: “≥80.0%”.
 * @param {{ target: number, comparison: string, unit: string | null, metric: string }} t
 */
export const formatTarget = (t) =>
  `${t.comparison === 'AT_MOST' ? '≤' : '≥'}${formatValue(t.target, t.unit ?? 'ratio', t.metric)}`;

/**
 * How a unit's values are drawn on an axis: its name, and the conversion from the API's figure. A ratio in %, yuan
 * in 万元 (亿元 from 1亿元 up; million yuan in English), a count in its own unit.
 * @typedef {{ unit: string, of: (value: number) => number }} Scale
 * @param {string} unit
 * @param {string} metric
 * @param {(number | null)[]} values
 * @returns {Scale}
 */
export function scaleOf(unit, metric, values) {
  if (unit === 'ratio') return { unit: '%', of: (v) => v * 100 };
  if (unit !== 'yuan') return { unit: unitName(metric) || '个', of: (v) => v };
  if (language() === 'en') return { unit: 'million yuan', of: (v) => v / 1e6 };
  const largest = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  return largest >= YI ? { unit: '亿元', of: (v) => v / YI } : { unit: '万元', of: (v) => v / WAN };
}

/**
 * The smallest 1, 2 or 5 × 10ⁿ at or above `value`: an axis end that reads well.
 * @param {number} value
 */
export function niceCeil(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}
