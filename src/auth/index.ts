export { accessControl, forbidden, refusalsOf } from './accessControl';
export type { Refusal } from './accessControl';
export { accessRulesOf, CUSTOM_FIELD_ROLES, READ_ROLE } from './accessRules';
export type { AccessRules } from './accessRules';
export { authenticate, isLoopbackRequest, optionalPrincipal, principalOfResponse } from './authenticate';
export { isLoopbackAddress, isLoopbackHost } from './loopback';
export { hasRole, jwtOf, principalOf } from './principal';
export type { Principal } from './principal';
export { expandRoles, isRole, knownRoles, ROLES } from './roles';
export type { Role } from './roles';
export { durationSeconds, formatDuration } from './duration';
export {
  AuthFailure,
  bearerToken,
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  lifetimeProblem,
  sharedTokenVerifier,
  tokenVerifier,
} from './verify';
export type { AuthFailureReason } from './verify';
export { MAX_TTL_SECONDS, mintToken, ttlSeconds } from './mint';
