import type { GraphBuilder } from './graphBuilder';
import type { Random } from './random';
import { SYNTHETIC_SOURCE } from './reference/organisations';

export const YEARS = [2020, 2021, 2022, 2023, 2024] as const;
/** The state the letter describes: "2024" means the end of 2024. */
export const REVIEW_YEAR = 2024;
/** 规上: annual main-business revenue ≥ 2000万 yuan. */
export const ABOVE_SCALE_REVENUE = 20_000_000;
const S = SYNTHETIC_SOURCE;

/** A synthetic enterprise as the generator knows it while building (only some of it becomes node properties). */
export interface Firm {
  id: string;
  name: string;
  revenue: number;
  /** Index into `chains`, or -1 for a firm outside the 12 chains. */
  chain: number;
  segment: number;
  /** GB/T 4754-2017 class, drawn when the firm's node is written (from its chain's classes when it has one). */
  industryCode: string;
  backbone: boolean;
  hostsPlatform: boolean;
  /** Firms whose 2024 report says all four haves. */
  fourHaves: boolean;
}

/** Writes the 2020–2024 reports of one firm; a firm that hosts a platform always reports an R&D institution. */
export function addReports(g: GraphBuilder, rnd: Random, f: Firm): void {
  const growth = 1.04 + rnd.next() * 0.12;
  for (const year of YEARS) {
    const revenue = Math.round(f.revenue / growth ** (REVIEW_YEAR - year));
    const missing = f.fourHaves ? -1 : rnd.int(f.hostsPlatform ? 1 : 0, 3);
    const has = (i: number): boolean => (year >= 2023 ? missing !== i : rnd.chance(0.7));
    const rdSpending = has(2);
    g.node('AnnualReport', {
      id: `rep-${f.id.slice(4)}-${year}`,
      year,
      revenue,
      rdExpenditure: rdSpending ? Math.round(revenue * (0.01 + rnd.next() * 0.04)) : 0,
      rdStaff: has(1) ? rnd.int(3, 200) : 0,
      aboveScale: revenue >= ABOVE_SCALE_REVENUE,
      hasRdInstitution: f.hostsPlatform || has(0),
      hasRdStaff: has(1),
      hasRdSpending: rdSpending,
      hasIurCooperation: has(3),
      source: S,
      synthetic: true,
    });
    g.rel('HAS_REPORT', 'Enterprise', f.id, 'AnnualReport', `rep-${f.id.slice(4)}-${year}`);
  }
}
