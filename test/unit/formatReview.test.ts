import { formatReview, readable } from '../../src/cli/formatReview';
import type { TargetReview, TargetStatus } from '../../src/queries';

const NOTHING_MEASURED = {
  unit: null,
  actual: null,
  gap: null,
  met: null,
  previousActual: null,
  change: null,
  suppressed: null,
  previousSuppressed: null,
};

function target(fields: Partial<TargetStatus> & Pick<TargetStatus, 'metric' | 'target'>): TargetStatus {
  const where = { year: 2024, comparison: 'AT_LEAST', regionCode: '410400', chainId: null } as const;
  return { targetId: `t-${fields.metric}`, ...where, status: 'UNAVAILABLE', ...NOTHING_MEASURED, ...fields };
}

// 6 of 7 firms comply this year, 4 of 5 last year: 0.857142…, a gap of −0.142857… to 1 and a change of +0.057142….
const review: TargetReview = {
  year: 2024,
  regionCode: null,
  chainId: null,
  targets: [
    target({
      metric: 'R1_COMPLIANCE',
      target: 1,
      unit: 'ratio',
      actual: 6 / 7,
      gap: 6 / 7 - 1,
      met: false,
      status: 'NOT_MET',
      previousActual: 4 / 5,
      change: 6 / 7 - 4 / 5,
    }),
    target({
      metric: 'HIGH_TECH_ENTERPRISES',
      target: 1200,
      unit: 'enterprises',
      actual: 12345,
      gap: 11145,
      met: true,
      status: 'MET',
      previousActual: 11000,
      change: 1345,
    }),
    target({
      metric: 'NATIONAL_PROVINCIAL_PROJECT_FUNDING',
      comparison: 'AT_MOST',
      target: 2_500_000_000,
      unit: 'yuan',
      actual: 1_234_567_890.5,
      gap: -1_265_432_109.5,
      met: true,
      status: 'MET',
      previousActual: 0,
      change: 1_234_567_890.5,
    }),
    target({ metric: 'SOMETHING_NOT_COMPUTED', target: 0.35 }),
  ],
  met: 2,
  notMet: 1,
  unavailable: 1,
  suppressed: 0,
  allMet: false,
};

describe('the target review for readers and for scripts', () => {
  it('shows ratios as percentages (differences in percentage points) and counts and amounts with separators', () => {
    expect(readable(6 / 7, 'ratio')).toBe('85.71%');
    expect(readable(6 / 7 - 1, 'ratio', true)).toBe('-14.29 pp');
    expect(readable(12345, 'enterprises')).toBe('12,345');
    expect(readable(1_234_567_890.5, 'yuan')).toBe('1,234,567,890.5');
    expect(readable(null, 'ratio')).toBe('—');
  });

  it('never shows a value that is not zero as 0, nor an actual that misses its target as equal to it', () => {
    expect(readable(-0.00004, 'ratio', true)).toBe('-0.004 pp');
    expect(readable(-0.001, 'yuan')).toBe('-0.001');
    expect(readable(-0, 'enterprises')).toBe('0');
    const nearly = formatReview(
      {
        ...review,
        targets: [
          target({
            metric: 'R5_COMPLIANCE',
            target: 1,
            unit: 'ratio',
            actual: 0.99996,
            gap: -0.00004,
            met: false,
            status: 'NOT_MET',
          }),
        ],
      },
      'md',
    );
    expect(nearly).toContain('| R5_COMPLIANCE | 410400 | — | ≥ 100.000% | 99.996% | -0.004 pp | NOT_MET | — | — |');
  });

  it('writes the Markdown table with those numbers, one row per target', () => {
    const lines = formatReview(review, 'md').split('\n');
    expect(lines[0]).toBe('# Target review 2024');
    expect(lines[2]).toBe('2 met, 1 not met, 1 unavailable — NOT all targets met');
    expect(lines.slice(6, 10)).toEqual([
      '| R1_COMPLIANCE | 410400 | — | ≥ 100.00% | 85.71% | -14.29 pp | NOT_MET | 80.00% | 5.71 pp |',
      '| HIGH_TECH_ENTERPRISES | 410400 | — | ≥ 1,200 | 12,345 | 11,145 | MET | 11,000 | 1,345 |',
      '| NATIONAL_PROVINCIAL_PROJECT_FUNDING | 410400 | — | ≤ 2,500,000,000 | 1,234,567,890.5 | -1,265,432,109.5 | MET | 0 | 1,234,567,890.5 |',
      '| SOMETHING_NOT_COMPUTED | 410400 | — | ≥ 0.35 | — | — | UNAVAILABLE | — | — |',
    ]);
  });

  it('keeps full precision in CSV and JSON, for spreadsheets and scripts', () => {
    const csv = formatReview(review, 'csv');
    expect(csv.startsWith('\uFEFFtargetId,metric,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      `t-R1_COMPLIANCE,R1_COMPLIANCE,2024,410400,,AT_LEAST,1,${6 / 7},${6 / 7 - 1},NOT_MET,0.8,${6 / 7 - 4 / 5},ratio`,
    );
    expect((JSON.parse(formatReview(review, 'json')) as TargetReview).targets[0]?.actual).toBe(6 / 7);
  });
});
