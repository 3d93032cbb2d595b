export { isLabel, LABELS } from './labels';
export type { Label } from './labels';
export { expandRoles, isRole, knownRoles, ROLES } from './roles';
export type { Role } from './roles';
export { RULE_DEFAULTS } from './ruleDefaults';
export { graphVocabulary, vocabularyOf } from './vocabulary';
export type { GraphVocabulary } from './vocabulary';
export { MAX_YEAR, MIN_YEAR, validateYear } from './year';
