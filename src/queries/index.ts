export { checkGapArguments, fourHavesCoverage } from './gaps';
export type { Coverage, GapArgumentCheck, GapArgumentRefs } from './gaps';
export { AVAILABLE_METRICS, checkMetricFilters, computeMetric, dataYears, isAvailableMetric } from './metrics';
export type { AvailableMetric, MetricFilters, MetricNumbers, QueryRunner } from './metrics';
export { reviewTargets, targetScopes, targetYears } from './targets';
export type { TargetReview, TargetState, TargetStatus } from './targets';
export { suppressionOf } from './disclosure';
export type { Suppression } from './disclosure';
export { MAP_BOUNDS, chainMap, findNodes, neighborhood, shortestPaths } from './maps';
export type { MapReading } from './maps';
export { isRevenueRuleMetric } from './metrics';
export {
  PARTNER_EVIDENCE,
  deputyCandidatesFor,
  enterpriseExists,
  personExists,
  suggestDeputiesFor,
  suggestPartnersFor,
} from './partners';
export type { DeputyCandidate, DeputySuggestion, PartnerSuggestion, PartnerWeights } from './partners';
export { searchEntities } from './search';
export type { SearchHit } from './search';
export type { Subgraph } from './subgraph';
export { DEFAULT_MIN_CELL, DISCLOSED_FROM } from './disclosure';
export { checkAggregates } from './checkAggregates';
