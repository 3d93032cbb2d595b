export { isLabel, type Label, LABELS } from './labels';
export { expandRoles, isRole, knownRoles, type Role, ROLES } from './roles';
export { CYPHER_CONSTANTS, RULE_DEFAULTS } from './ruleDefaults';
export { graphVocabulary, type GraphVocabulary, vocabularyOf } from './vocabulary';
export { QUALIFICATIONS } from './qualifications';
export { MAX_YEAR, MIN_YEAR, validateYear } from './year';
export { creditCodeCheckChar, validateCreditCode } from './creditCode';
export { validateIndustryCode } from './industryCode';
export { MAX_MONEY, validateMoney } from './money';
export { validateRegionCode } from './regionCode';
export { LAB_KINDS, PLATFORM_METRICS, QUALIFICATION_METRICS } from './metrics';
export { METRIC_DISPLAY, type MetricDisplay, metricDisplay } from './metricNames';
export {
  AchievementKind,
  MetricName,
  PlatformKind,
  PlatformLevel,
  QualificationCode,
  RegionLevel,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  TargetState,
} from './schema.generated';
