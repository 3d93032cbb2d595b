import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import { formatDuration } from '../lib';
import { principalOf, type Principal } from './principal';
import { knownRoles } from '../domain';

type TokenAuth = Extract<AuthConfig, { mode: 'token' }>;

/**
 * Why a request was not authenticated; the HTTP answer names only this, the log has the detail. TOKEN_LIFETIME: a
 * token that is otherwise valid but lives longer than AUTH_MAX_TOKEN_AGE (`exp − iat`), has no `iat`, or was issued
 * in the future.
 */
export type AuthFailureReason =
  'TOKEN_REQUIRED' | 'MALFORMED_AUTHORIZATION' | 'INVALID_TOKEN' | 'TOKEN_LIFETIME' | 'KEYS_UNAVAILABLE';

/** AUTH_MAX_TOKEN_AGE when unset: the longest `exp − iat` a token may have. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 24 * 3600;

/** Clock skew allowed between the token's issuer and this server, for `exp`, `nbf` and `iat`. */
export const CLOCK_TOLERANCE_SECONDS = 5;

export class AuthFailure extends Error {
  constructor(
    readonly reason: AuthFailureReason,
    /** For the log only: may name a claim or a library error, never shown to the client. */
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'AuthFailure';
  }
}

/** Algorithms an identity provider's keys may sign with; never HS* (a public key used as a secret) nor none. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Longest token accepted; anything longer is refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*) *$/i;

/**
 * The token of an `Authorization: Bearer <jwt>` header.
 * @throws AuthFailure MALFORMED_AUTHORIZATION for another scheme, an empty or oversized token, or one that is not
 *   three base64url parts
 */
export function bearerToken(header: string): string {
  if (header.length > MAX_TOKEN_LENGTH + 16) throw new AuthFailure('MALFORMED_AUTHORIZATION', 'header too long');
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new AuthFailure('MALFORMED_AUTHORIZATION', 'not "Bearer <JWT>"');
  return match[1];
}

function claimAt(payload: JWTPayload, path: readonly string[]): unknown {
  let value: unknown = payload;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Why a valid token's lifetime is refused, or null when it is accepted: it must say when it was issued (`iat`), not
 * later than now (give or take the clock skew), and expire at most `maxAge` seconds after that. jose's own
 * `maxTokenAge` option bounds the age of `iat` only — a token issued a minute ago that expires in a hundred years
 * passes it — so the lifetime is checked here, after every other check (an expired or forged token stays
 * INVALID_TOKEN whatever its lifetime).
 */
export function lifetimeProblem(payload: JWTPayload, maxAge: number, now: number): string | null {
  const { iat, exp } = payload;
  // jose already refused an `iat` or `exp` that is present but not a number, and a token without `exp`.
  if (typeof iat !== 'number') return 'no iat claim';
  if (iat > now + CLOCK_TOLERANCE_SECONDS) return `iat is ${iat - now} s in the future`;
  if (typeof exp !== 'number') return 'no exp claim';
  if (exp - iat > maxAge) return `exp - iat is ${exp - iat} s, more than AUTH_MAX_TOKEN_AGE (${maxAge} s)`;
  return null;
}

/** The verifiers made so far, one per configuration, so that an identity provider's key set is fetched once. */
const verifiers = new WeakMap<TokenAuth, (token: string) => Promise<Principal>>();

/**
 * The verifier of `auth` ({@link tokenVerifier}), made once per configuration object: the routes that require a
 * token and those that only look at one (`/health/ready`) share it and its cached key set.
 */
export function sharedTokenVerifier(auth: TokenAuth): (token: string) => Promise<Principal> {
  let verify = verifiers.get(auth);
  if (verify === undefined) {
    verify = tokenVerifier(auth);
    verifiers.set(auth, verify);
  }
  return verify;
}

/**
 * A verifier for the configured key: jose checks the signature, the algorithm (HS256 for a secret; asymmetric ones
 * for a JWKS), `exp` (required) and `nbf`, and the issuer and audience when configured. `sub` is required, and the
 * roles claim must be a list of strings; roles we do not know grant nothing. Last, the token's lifetime
 * ({@link lifetimeProblem}, AUTH_MAX_TOKEN_AGE).
 */
export function tokenVerifier(auth: TokenAuth): (token: string) => Promise<Principal> {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (auth.key.kind === 'secret') {
    key = auth.key.secret;
    algorithms = ['HS256'];
  } else {
    // jose fetches the key set once, refetches it when a token names an unknown key id (at most every 30 s), and
    // gives up on a slow identity provider after 5 s.
    key = createRemoteJWKSet(auth.key.url, { timeoutDuration: 5_000, cooldownDuration: 30_000 });
    algorithms = ASYMMETRIC;
  }
  const options = {
    algorithms,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(auth.issuer === undefined ? {} : { issuer: auth.issuer }),
    ...(auth.audience === undefined ? {} : { audience: auth.audience }),
  };
  const claimName = auth.rolesClaim.join('.');
  const maxAge = auth.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  return async (token) => {
    let payload: JWTPayload;
    try {
      // Both overloads of jwtVerify take the same options; TypeScript cannot pick one for the union.
      payload =
        key instanceof Uint8Array
          ? (await jwtVerify(token, key, options)).payload
          : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
        throw new AuthFailure('KEYS_UNAVAILABLE', `the key set could not be read: ${String(error)}`);
      }
      throw new AuthFailure('INVALID_TOKEN', `${error.code}: ${error.message}`);
    }
    const { sub } = payload;
    if (typeof sub !== 'string' || sub === '' || sub.length > 256) {
      throw new AuthFailure('INVALID_TOKEN', 'sub is not a non-empty string of at most 256 characters');
    }
    const roles = claimAt(payload, auth.rolesClaim);
    if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
      throw new AuthFailure('INVALID_TOKEN', `the roles claim ${claimName} is not a list of strings`);
    }
    const problem = lifetimeProblem(payload, maxAge, Math.floor(Date.now() / 1000));
    if (problem !== null) {
      throw new AuthFailure('TOKEN_LIFETIME', `${problem} (at most ${formatDuration(maxAge)} is accepted)`);
    }
    return principalOf(sub, knownRoles(roles), 'token');
  };
}
