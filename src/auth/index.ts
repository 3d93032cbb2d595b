export { type AccessRules, accessRulesOf, CUSTOM_FIELD_ROLES, READ_ROLE } from './accessRules';
export { authenticate, isLoopbackRequest, optionalPrincipal, principalOfResponse } from './authenticate';
export { hasRole, jwtOf, type Principal, principalOf } from './principal';
export {
  AuthFailure,
  type AuthFailureReason,
  bearerToken,
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  lifetimeProblem,
  sharedTokenVerifier,
  tokenVerifier,
} from './verify';
export { MAX_TTL_SECONDS, mintToken, ttlSeconds } from './mint';
export { forbidden, type Refusal } from './refusal';
