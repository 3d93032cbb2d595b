export { isLabel, LABELS } from './labels';
export type { Label } from './labels';
export { expandRoles, isRole, knownRoles, ROLES } from './roles';
export type { Role } from './roles';
export { CYPHER_CONSTANTS, RULE_DEFAULTS } from './ruleDefaults';
export { graphVocabulary, vocabularyOf } from './vocabulary';
export type { GraphVocabulary } from './vocabulary';
export { QUALIFICATIONS } from './qualifications';
export { MAX_YEAR, MIN_YEAR, validateYear } from './year';
export { creditCodeCheckChar, validateCreditCode } from './creditCode';
export { validateIndustryCode } from './industryCode';
export { MAX_MONEY, validateMoney } from './money';
export { validateRegionCode } from './regionCode';
export { LAB_KINDS, PLATFORM_METRICS, QUALIFICATION_METRICS } from './metrics';
export {
  AchievementKind,
  MetricName,
  PlatformKind,
  PlatformLevel,
  QualificationCode,
  RegionLevel,
  TargetState,
} from './schema.generated';
export { RELATIONSHIP_TYPES } from './schema.generated';
export type { RelationshipType } from './schema.generated';
