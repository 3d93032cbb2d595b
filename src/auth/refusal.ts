import { AppError, ErrorCode } from '../errors';
import type { Principal } from './principal';
import { ROLES, type Role } from '../domain';

/** One thing a request asked for that its principal's roles do not allow. */
export interface Refusal {
  /** A root field (`deleteEnterprises`), or a confidential field where it was met (`Enterprise.revenue`). */
  what: string;
  needs: Role;
  kind: 'operation' | 'confidential field';
}

/** The lowest role that allows every refused item: roles nest, so the highest of the roles they need. */
function neededFor(refusals: readonly Refusal[]): Role {
  return ROLES[Math.max(0, ...refusals.map((r) => ROLES.indexOf(r.needs)))] as Role;
}

/**
 * The FORBIDDEN of a refused request: the message names every refused field or operation and the role it needs;
 * `extensions.needs` is the lowest role that would allow the whole request (what a client asks its user to get) and
 * `extensions.refused` lists each item with its own role (`{ what, needs }`).
 */
export function forbidden(refusals: readonly Refusal[], principal: Principal): AppError {
  const parts = refusals.map((r) =>
    r.kind === 'operation' ? `${r.what} needs the ${r.needs} role` : `${r.what} is confidential (${r.needs} role)`,
  );
  const roles = principal.roles.length > 0 ? principal.roles.join(', ') : 'none';
  return new AppError(ErrorCode.FORBIDDEN, `Forbidden: ${parts.join('; ')}. Your roles: ${roles}.`, {
    needs: neededFor(refusals),
    refused: refusals.map(({ what, needs }) => ({ what, needs })),
  });
}
