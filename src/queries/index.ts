export { checkGapArguments, fourHavesCoverage } from './gaps';
export type { Coverage, GapArgumentCheck, GapArgumentRefs } from './gaps';
export { expandIncludes, loadCypher } from './loadCypher';
export { RULE_DEFAULTS } from './ruleDefaults';
export { AVAILABLE_METRICS, checkMetricFilters, computeMetric, dataYears, isAvailableMetric } from './metrics';
export type { AvailableMetric, MetricFilters, MetricNumbers, QueryRunner } from './metrics';
export { reviewTargets, targetScopes, targetYears } from './targets';
export type { TargetReview, TargetState, TargetStatus } from './targets';
