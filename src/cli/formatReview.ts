import type { TargetReview, TargetStatus } from '../queries';

export type ReviewFormat = 'json' | 'csv' | 'md';
export const REVIEW_FORMATS: readonly ReviewFormat[] = ['json', 'csv', 'md'];

/** Byte-order mark: without it Excel reads UTF-8 CSV as the local code page and garbles the Chinese. */
const BOM = '\uFEFF';
const COLUMNS: (keyof TargetStatus)[] = [
  'targetId',
  'metric',
  'year',
  'regionCode',
  'chainId',
  'comparison',
  'target',
  'actual',
  'gap',
  'status',
  'previousActual',
  'change',
  'unit',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number as a reader of the Markdown report wants it: a ratio as a percentage (a difference of ratios in
 * percentage points), a count or an amount with thousands separators; `digits` decimals (at most), and more when
 * rounding would show a value that is not zero as 0 (up to 6), so that a gap never reads "0" while the target is
 * missed. JSON and CSV keep the full values for scripts and spreadsheets.
 */
export function readable(value: number | null, unit: string | null, difference = false, digits = 2): string {
  if (value === null) return '—';
  const ratio = unit === 'ratio';
  const scaled = (ratio ? value * 100 : value) || 0; // no "-0"
  let shown = digits;
  while (shown < 6 && scaled !== 0 && Number(scaled.toFixed(shown)) === 0) shown += 1;
  const text = ratio ? scaled.toFixed(shown) : scaled.toLocaleString('en-US', { maximumFractionDigits: shown });
  if (!ratio) return text;
  return difference ? `${text} pp` : `${text}%`;
}

/** The fewest decimals (2 to 6) at which `a` and `b` read differently when they differ. */
function digitsApart(a: number | null, b: number, unit: string | null): number {
  let digits = 2;
  while (digits < 6 && a !== null && a !== b && readable(a, unit, false, digits) === readable(b, unit, false, digits)) {
    digits += 1;
  }
  return digits;
}

/** The review as JSON (stable keys), CSV (UTF-8 with BOM, CRLF, one row per target) or a Markdown table. */
export function formatReview(review: TargetReview, format: ReviewFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(review, null, 2)}\n`;
    case 'csv':
      return (
        BOM +
        [COLUMNS.join(','), ...review.targets.map((t) => COLUMNS.map((c) => csvCell(t[c])).join(','))].join('\r\n') +
        '\r\n'
      );
    case 'md': {
      const scope = [review.regionCode && `region ${review.regionCode}`, review.chainId && `chain ${review.chainId}`]
        .filter(Boolean)
        .join(', ');
      const lines = [
        `# Target review ${review.year}${scope ? ` (${scope})` : ''}`,
        '',
        `${review.met} met, ${review.notMet} not met, ${review.unavailable} unavailable — ${review.allMet ? 'all targets met' : 'NOT all targets met'}`,
        '',
        '| metric | region | chain | target | actual | gap | status | previous year | change |',
        '|---|---|---|---|---|---|---|---|---|',
        ...review.targets.map((t) => {
          const cell = (v: string | null): string => v ?? '—';
          const op = t.comparison === 'AT_LEAST' ? '≥' : '≤';
          // An unavailable metric has no unit; its target is still shown as given.
          // An actual that misses its target by less than the rounding shows the decimals that tell them apart.
          const digits = digitsApart(t.actual, t.target, t.unit);
          const n = (v: number | null, difference = false): string => readable(v, t.unit, difference, digits);
          return `| ${t.metric} | ${cell(t.regionCode)} | ${cell(t.chainId)} | ${op} ${n(t.target)} | ${n(t.actual)} | ${n(t.gap, true)} | ${t.status} | ${n(t.previousActual)} | ${n(t.change, true)} |`;
        }),
      ];
      return `${lines.join('\n')}\n`;
    }
  }
}
