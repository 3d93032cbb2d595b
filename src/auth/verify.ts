import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import { principalOf, type Principal } from './principal';
import { knownRoles } from './roles';

type TokenAuth = Extract<AuthConfig, { mode: 'token' }>;

/** Why a request was not authenticated; the HTTP answer names only this, the log has the detail. */
export type AuthFailureReason = 'TOKEN_REQUIRED' | 'MALFORMED_AUTHORIZATION' | 'INVALID_TOKEN' | 'KEYS_UNAVAILABLE';

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
 * A verifier for the configured key: jose checks the signature, the algorithm (HS256 for a secret; asymmetric ones
 * for a JWKS), `exp` (required) and `nbf`, and the issuer and audience when configured. `sub` is required, and the
 * roles claim must be a list of strings; roles we do not know grant nothing.
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
    clockTolerance: 5,
    ...(auth.issuer === undefined ? {} : { issuer: auth.issuer }),
    ...(auth.audience === undefined ? {} : { audience: auth.audience }),
  };
  const claimName = auth.rolesClaim.join('.');
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
    return principalOf(sub, knownRoles(roles), 'token');
  };
}
