import type { GraphBuilder } from '../graphBuilder';
import { LETTER_SOURCE } from '../reference/organisations';
import { CITY_CODE, regionId } from '../reference/regions';

/**
 * The letter's rules as 2024 targets (R1–R6): the review shows which are met (四有 > 80%, R5 全覆盖) and which are
 * still goals (R1–R4 "加快实现").
 */
export function addTargets(g: GraphBuilder): void {
  const targets: [string, number, number][] = [
    ['FOUR_HAVES_COVERAGE', 2024, 0.8],
    ['R1_COMPLIANCE', 2024, 1],
    ['R2_COMPLIANCE', 2024, 1],
    ['R3_COMPLIANCE', 2024, 1],
    ['R4_COMPLIANCE', 2024, 1],
    ['R5_COMPLIANCE', 2024, 1],
  ];
  for (const [metric, year, value] of targets) {
    const id = g.node('Target', {
      id: `target-${metric}-${year}`,
      metric,
      year,
      value,
      comparison: 'AT_LEAST',
      source: LETTER_SOURCE,
      synthetic: false,
    });
    g.rel('FOR_REGION', 'Target', id, 'Region', regionId(CITY_CODE));
  }
}
