import { expandRoles, type Role } from '../domain';

/** Who sends a request, once authenticated: the token's subject and the known roles it grants. */
export interface Principal {
  /** The token's `sub`; `local` for a loopback request in local mode; `anonymous` for AUTH_ANONYMOUS_ROLE. */
  sub: string;
  /** The known roles granted, as the token named them (lowest first). */
  roles: Role[];
  /** `roles` and every role below them: what the checks test. */
  effectiveRoles: Role[];
  /** How the principal was established. */
  via: 'token' | 'local' | 'anonymous';
}

export function principalOf(sub: string, roles: readonly Role[], via: Principal['via']): Principal {
  return { sub, roles: [...roles], effectiveRoles: expandRoles(roles), via };
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.effectiveRoles.includes(role);
}

/**
 * The decoded JWT @neo4j/graphql evaluates its rules against (`context.jwt`). The library trusts it as verified and
 * treats any object as authenticated, so it is built only from a principal that passed authentication.
 */
export function jwtOf(principal: Principal): { sub: string; roles: Role[] } {
  return { sub: principal.sub, roles: principal.effectiveRoles };
}
