import { AppError, ErrorCode } from '../errors';
import type { Principal } from './principal';
import type { Role } from '../domain';

/** One thing a request asked for that its principal's roles do not allow. */
export interface Refusal {
  /** A root field (`deleteEnterprises`), or a confidential field where it was met (`Enterprise.revenue`). */
  what: string;
  needs: Role;
  kind: 'operation' | 'confidential field';
}

/** The 403 FORBIDDEN of a refused request: names every refused field or operation and the role it needs. */
export function forbidden(refusals: readonly Refusal[], principal: Principal): AppError {
  const parts = refusals.map((r) =>
    r.kind === 'operation' ? `${r.what} needs the ${r.needs} role` : `${r.what} is confidential (${r.needs} role)`,
  );
  const roles = principal.roles.length > 0 ? principal.roles.join(', ') : 'none';
  return new AppError(ErrorCode.FORBIDDEN, `Forbidden: ${parts.join('; ')}. Your roles: ${roles}.`, {
    refused: refusals.map(({ what, needs }) => ({ what, needs })),
  });
}
