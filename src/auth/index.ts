export { accessRulesOf, CUSTOM_FIELD_ROLES, READ_ROLE } from './accessRules';
export type { AccessRules } from './accessRules';
export { authenticate, isLoopbackRequest, optionalPrincipal, principalOfResponse } from './authenticate';
export { hasRole, jwtOf, principalOf } from './principal';
export type { Principal } from './principal';
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
export { forbidden } from './refusal';
export type { Refusal } from './refusal';
