// @ts-check
// Every metric's name in Chinese and English and the name of its unit, as src/domain/metricNames.ts declares them:
// read from the explorer's vocabulary.json, which `npm run explorer:manifest` writes from that file (a test fails
// while it is out of date), so the page has no copy of its own. The page shows these names, never the enum value.

/** @typedef {{ zh: string, en: string }} Words */
/** @typedef {{ zh: string, en: string, unit: Words }} MetricDisplay */

/**
 * The names, by MetricName; empty until {@link loadMetricNames} resolves (the page awaits it before drawing).
 * @type {Readonly<Record<string, MetricDisplay>>}
 */
export let METRIC_DISPLAY = {};

/** Reads the metric names from the explorer's vocabulary.json. */
export async function loadMetricNames() {
  const response = await fetch(new URL('../explorer/vocabulary.json', import.meta.url));
  if (!response.ok) throw new Error(`vocabulary.json: HTTP ${response.status}`);
  const vocabulary = /** @type {{ metrics?: Record<string, MetricDisplay> }} */ (await response.json());
  METRIC_DISPLAY = vocabulary.metrics ?? {};
}

/**
 * The gap list whose length is a compliance metric's denominator − numerator (src/report/collect.ts, GAP_LISTS): what
 * a county's link opens. Other metrics have no gap list.
 * @type {Readonly<Record<string, string>>}
 */
export const GAP_LIST_OF = {
  FOUR_HAVES_COVERAGE: 'enterprisesMissingFourHaves',
  R1_COMPLIANCE: 'enterprisesWithoutRdInstitution',
  R2_COMPLIANCE: 'enterprisesWithoutLandmarkAchievement',
  R3_COMPLIANCE: 'enterprisesWithoutConsortium',
  R4_COMPLIANCE: 'enterprisesNotTechLeader',
  R5_COMPLIANCE: 'backboneEnterprisesWithoutPlatform',
};
