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
