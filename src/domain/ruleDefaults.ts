import { LAB_KINDS } from './metrics';

/**
 * The letter's thresholds for rules R1–R5 (shared/reference/letter-figures.md), used by the compliance metrics.
 * The gap fields of schema/gaps.graphql declare the same numbers as argument defaults; a unit test keeps the two
 * equal, so that R<n>_COMPLIANCE and the gap list with default arguments describe the same population.
 */
export const RULE_DEFAULTS = {
  /** R1: revenue ≥ 1亿 has an R&D institution. */
  R1: { minRevenue: 100_000_000n },
  /** R2: revenue ≥ 5亿 has a landmark result within the last 3 years. */
  R2: { minRevenue: 500_000_000n, withinYears: 3 },
  /** R3: revenue ≥ 10亿 has an innovation consortium. */
  R3: { minRevenue: 1_000_000_000n },
  /** R4: revenue ≥ 100亿 is a tech leader. */
  R4: { minRevenue: 10_000_000_000n },
  /** R5: backbone enterprises of the leading chains host an R&D platform. */
  R5: { leadingChainsOnly: true },
} as const;

/**
 * Domain constants that Cypher files name as `{{NAME}}` (src/db/loadCypher.ts writes each in as a literal when the
 * file is loaded), so that a threshold or a kind list is written once, here, and not again in a statement.
 */
export const CYPHER_CONSTANTS: Readonly<Record<string, string>> = {
  R1_MIN_REVENUE: RULE_DEFAULTS.R1.minRevenue.toString(),
  R2_MIN_REVENUE: RULE_DEFAULTS.R2.minRevenue.toString(),
  R2_WITHIN_YEARS: RULE_DEFAULTS.R2.withinYears.toString(),
  R3_MIN_REVENUE: RULE_DEFAULTS.R3.minRevenue.toString(),
  R4_MIN_REVENUE: RULE_DEFAULTS.R4.minRevenue.toString(),
  LAB_KINDS: `[${LAB_KINDS.map((kind) => `'${kind}'`).join(', ')}]`,
};
