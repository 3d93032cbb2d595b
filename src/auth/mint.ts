import { SignJWT } from 'jose';
import type { AuthConfig } from '../config';
import { formatDuration } from '../lib';
import type { Role } from '../domain';
import { DEFAULT_MAX_TOKEN_AGE_SECONDS } from './verify';

/** A token's lifetime: a whole number and a unit, s, m, h or d (e.g. 8h), at most 366 days. */
const TTL = /^(\d{1,6})(s|m|h|d)$/;
const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
export const MAX_TTL_SECONDS = 366 * 86_400;

/** The seconds of a `--ttl` value; throws an Error naming the accepted form. */
export function ttlSeconds(ttl: string): number {
  const match = TTL.exec(ttl);
  const seconds = match ? Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS] : NaN;
  if (!(seconds > 0 && seconds <= MAX_TTL_SECONDS)) {
    throw new Error(`--ttl must be a number and a unit (s, m, h or d), from 1s to 366d, e.g. 8h; got '${ttl}'`);
  }
  return seconds;
}

/** The roles where the API looks for them: { realm_access: { roles: [...] } } for the path realm_access.roles. */
function nest(path: readonly string[], value: unknown): Record<string, unknown> {
  const [head = 'roles', ...rest] = path;
  return { [head]: rest.length === 0 ? value : nest(rest, value) };
}

/**
 * A token the API accepts, signed (HS256) with the configured AUTH_JWT_SECRET: `sub`, the roles at the configured
 * roles claim path, `iat`, `exp`, and `iss` / `aud` when configured. For scripts and local use; with an identity
 * provider (AUTH_JWKS_URL) tokens come from the provider. A `ttl` longer than AUTH_MAX_TOKEN_AGE is refused: the API
 * would refuse the token.
 */
export async function mintToken(
  auth: AuthConfig,
  { sub, roles, ttl, now = new Date() }: { sub: string; roles: readonly Role[]; ttl: string; now?: Date },
): Promise<string> {
  if (auth.mode !== 'token' || auth.key.kind !== 'secret') {
    throw new Error(
      auth.mode === 'local'
        ? 'no AUTH_JWT_SECRET is set: the API runs in local mode and needs no token (set AUTH_JWT_SECRET to use tokens)'
        : 'AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command',
    );
  }
  const seconds = ttlSeconds(ttl);
  const maxAge = auth.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  if (seconds > maxAge) {
    throw new Error(
      `--ttl ${ttl} is longer than AUTH_MAX_TOKEN_AGE (${formatDuration(maxAge)}): the API would refuse the token; ` +
        'use a shorter --ttl, or raise AUTH_MAX_TOKEN_AGE',
    );
  }
  const iat = Math.floor(now.getTime() / 1000);
  let jwt = new SignJWT(nest(auth.rolesClaim, [...roles]))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + seconds);
  if (auth.issuer !== undefined) jwt = jwt.setIssuer(auth.issuer);
  if (auth.audience !== undefined) jwt = jwt.setAudience(auth.audience);
  return jwt.sign(auth.key.secret);
}
