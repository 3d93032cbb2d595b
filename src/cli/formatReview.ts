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
          const cell = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));
          const op = t.comparison === 'AT_LEAST' ? '≥' : '≤';
          return `| ${t.metric} | ${cell(t.regionCode)} | ${cell(t.chainId)} | ${op} ${t.target} | ${cell(t.actual)} | ${cell(t.gap)} | ${t.status} | ${cell(t.previousActual)} | ${cell(t.change)} |`;
        }),
      ];
      return `${lines.join('\n')}\n`;
    }
  }
}
