export { loadCypher } from './loadCypher';
export { AVAILABLE_METRICS, checkMetricFilters, computeMetric, isAvailableMetric } from './metrics';
export type { AvailableMetric, MetricFilters, MetricNumbers, QueryRunner } from './metrics';
export { reviewTargets, targetYears } from './targets';
export type { TargetReview, TargetState, TargetStatus } from './targets';
