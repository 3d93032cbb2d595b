export { checkGapArguments, fourHavesCoverage } from './gaps';
export type { Coverage, GapArgumentCheck, GapArgumentRefs } from './gaps';
export { AVAILABLE_METRICS, checkMetricFilters, computeMetric, dataYears, isAvailableMetric } from './metrics';
export type { AvailableMetric, MetricFilters, MetricNumbers, QueryRunner } from './metrics';
export { reviewTargets, targetScopes, targetYears } from './targets';
export type { TargetReview, TargetState, TargetStatus } from './targets';
