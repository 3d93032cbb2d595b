export {
  checkGapArguments,
  type Coverage,
  fourHavesCoverage,
  type GapArgumentCheck,
  type GapArgumentRefs,
} from './gaps';
export {
  AVAILABLE_METRICS,
  type AvailableMetric,
  checkMetricFilters,
  computeMetric,
  computeMetricLive,
  dataYears,
  isAvailableMetric,
  isRevenueRuleMetric,
  type MetricFilters,
  type MetricNumbers,
  type QueryRunner,
} from './metrics';
export {
  reviewTargets,
  type TargetReview,
  targetScopes,
  type TargetState,
  type TargetStatus,
  targetYears,
} from './targets';
export { DEFAULT_MIN_CELL, DISCLOSED_FROM, type Suppression, suppressionOf, suppressionsOf } from './disclosure';
export { chainMap, findNodes, MAP_BOUNDS, type MapReading, neighborhood, shortestPaths } from './maps';
export {
  type DeputyCandidate,
  deputyCandidatesFor,
  type DeputySuggestion,
  enterpriseExists,
  PARTNER_EVIDENCE,
  type PartnerSuggestion,
  type PartnerWeights,
  personExists,
  suggestDeputiesFor,
  suggestPartnersFor,
} from './partners';
export { searchEntities, type SearchHit } from './search';
export type { Subgraph } from './subgraph';
export { checkAggregates } from './checkAggregates';
export {
  type BreakdownChain,
  breakdownChains,
  type BreakdownRegion,
  breakdownRegions,
  type ComputedCell,
  computeCells,
  type MetricCell,
  type SeriesTarget,
  targetsOfMetric,
} from './series';
