import { z } from 'zod';
import { durationSeconds, isLoopbackHost } from '../lib';
import { ROLES, type Role } from '../domain';
import { text } from './checks';
import type { Check, Scope, SettingTable, SettingText, SettingValues } from './setting';

/** Where a token's key comes from: a shared HS256 secret, or an identity provider's key set (JWKS). */
export type TokenKey = { kind: 'secret'; secret: Uint8Array } | { kind: 'jwks'; url: URL };

/**
 * How requests are authenticated (README, "Access"). `local`: no authentication configured; the API serves loopback
 * clients only, each as `localRole`. `token`: a JWT bearer token on every request, or `anonymousRole` without one.
 */
export type AuthConfig =
  | { mode: 'local'; localRole: Role }
  | {
      mode: 'token';
      key: TokenKey;
      issuer?: string;
      audience?: string;
      /** The path of the roles claim in the token's payload, e.g. ['realm_access', 'roles']. */
      rolesClaim: string[];
      anonymousRole?: Role;
      /** AUTH_MAX_TOKEN_AGE: the longest lifetime (`exp − iat`, in seconds) a token may have; 24 h when unset. */
      maxTokenAgeSeconds?: number;
    };

/** The smallest HS256 secret accepted, in bytes (RFC 7518 §3.2: a key at least as long as the hash). */
export const MIN_SECRET_BYTES = 32;

/** The largest AUTH_MAX_TOKEN_AGE: 366 days, as `npm run token --ttl`. */
const MAX_TOKEN_AGE_LIMIT = 366 * 86_400;

/** Whether a token key is configured: a secret or a key set URL turns local mode off. */
const tokenKeySet = (text: SettingText): boolean =>
  text('AUTH_JWT_SECRET') !== undefined || text('AUTH_JWKS_URL') !== undefined;

/** Settings of token mode: set without a key, they would silently do nothing. */
const TOKEN_MODE: Scope = {
  applies: tokenKeySet,
  otherwise: (name) => `${name} is set but no authentication is configured: set AUTH_JWT_SECRET or AUTH_JWKS_URL too`,
};

const LOCAL_MODE: Scope = {
  applies: (text) => !tokenKeySet(text),
  otherwise: (name) => `${name} applies only without authentication; with a token setting, use AUTH_ANONYMOUS_ROLE`,
};

/** A key source is checked when it is the only one; both set is one problem, said once by `authConfig`. */
const ONE_KEY_SOURCE: Scope = {
  applies: (text) => text('AUTH_JWT_SECRET') === undefined || text('AUTH_JWKS_URL') === undefined,
};

/** The value itself is never printed: it is a secret. */
const secret: Check<Uint8Array> = (name) =>
  z
    .string()
    .refine((value) => Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES, {
      error: (issue) =>
        `${name} is ${Buffer.byteLength(String(issue.input), 'utf8')} bytes long; it must be at least ` +
        `${MIN_SECRET_BYTES} (e.g. the output of \`openssl rand -base64 48\`)`,
    })
    .transform((value) => new Uint8Array(Buffer.from(value, 'utf8')));

const keySetUrl: Check<URL> = (name) =>
  z.string().transform((raw, ctx) => {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (url === undefined || !['https:', 'http:'].includes(url.protocol)) {
      ctx.issues.push({
        code: 'custom',
        input: raw,
        message: `${name}=${raw} is not an http(s) URL (the identity provider's JWKS endpoint)`,
      });
      return z.NEVER;
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      // Whoever can change the key set can sign any token: it comes over TLS unless it is on this machine.
      ctx.issues.push({
        code: 'custom',
        input: raw,
        message: `${name}=${raw} must be https:// (plain http only for an identity provider on this machine)`,
      });
      return z.NEVER;
    }
    return url;
  });

const role: Check<Role> = (name) =>
  z.enum(ROLES, {
    error: (issue) => `${name}=${String(issue.input)} is not a role; the roles are ${ROLES.join(', ')}`,
  });

const anonymousRole: Check<Role> = (name) =>
  role(name).refine((granted) => granted === 'viewer', {
    error: (issue) =>
      `${name}=${String(issue.input)}: requests without a token may be viewers at most (confidential figures and ` +
      'writes need a token)',
  });

const claimPath: Check<string[]> = (name) =>
  z
    .string()
    .refine((raw) => raw.split('.').every((part) => part !== ''), {
      error: (issue) =>
        `${name}=${String(issue.input)} is not a dot path of claim names, e.g. roles or realm_access.roles`,
    })
    .transform((raw) => raw.split('.'));

const tokenAge: Check<number> = (name) =>
  z
    .string()
    .refine(
      (raw) => {
        const seconds = durationSeconds(raw);
        return seconds !== null && seconds >= 60 && seconds <= MAX_TOKEN_AGE_LIMIT;
      },
      {
        error: (issue) =>
          `${name}=${String(issue.input)} is not a duration from 1m to 366d: seconds, or a number and s, m, h or d ` +
          '(e.g. 24h, 90m, 3600)',
      },
    )
    .transform((raw) => durationSeconds(raw) as number);

/** The AUTH_* settings (README, "Configuration" and "Access"): local mode unless a secret or a key set URL is given. */
export const AUTH_SETTINGS = {
  AUTH_JWT_SECRET: {
    description: 'HS256 secret tokens are signed with; turns local mode off',
    check: secret,
    scope: ONE_KEY_SOURCE,
  },
  AUTH_JWKS_URL: {
    description: "an identity provider's key set (JWKS) URL instead of a secret; turns local mode off",
    check: keySetUrl,
    scope: ONE_KEY_SOURCE,
  },
  AUTH_JWT_ISSUER: { description: 'the `iss` every token must have', check: text(), scope: TOKEN_MODE },
  AUTH_JWT_AUDIENCE: { description: 'the `aud` every token must have', check: text(), scope: TOKEN_MODE },
  AUTH_ROLES_CLAIM: {
    description: 'dot path of the roles claim in a token',
    default: 'roles',
    check: claimPath,
    scope: TOKEN_MODE,
  },
  AUTH_ANONYMOUS_ROLE: {
    description: 'the role of a request without a token (viewer at most)',
    check: anonymousRole,
    scope: TOKEN_MODE,
  },
  AUTH_MAX_TOKEN_AGE: {
    description: 'the longest lifetime (exp − iat) a token may have',
    default: '24h',
    check: tokenAge,
    scope: TOKEN_MODE,
  },
  AUTH_LOCAL_ROLE: {
    description: 'in local mode, the role of every (loopback) request',
    default: 'planner',
    check: role,
    scope: LOCAL_MODE,
  },
} satisfies SettingTable;

/**
 * The authentication the AUTH_* settings describe, and the problems no single setting shows: two key sources, or an
 * identity provider without an audience.
 */
export function authConfig(
  values: SettingValues<typeof AUTH_SETTINGS>,
  text: SettingText,
  problems: string[],
): AuthConfig {
  if (!tokenKeySet(text)) return { mode: 'local', localRole: values.AUTH_LOCAL_ROLE };
  if (text('AUTH_JWT_SECRET') !== undefined && text('AUTH_JWKS_URL') !== undefined) {
    problems.push('AUTH_JWT_SECRET and AUTH_JWKS_URL are both set: set one (a shared secret or an identity provider)');
  }
  if (text('AUTH_JWKS_URL') !== undefined && values.AUTH_JWT_AUDIENCE === undefined) {
    // An identity provider signs tokens for every application of the realm: without an audience, another
    // application's token (and its roles) would be accepted here.
    problems.push('AUTH_JWT_AUDIENCE is required with AUTH_JWKS_URL: the client id tokens for this API are issued to');
  }
  const { AUTH_JWT_SECRET: secretKey, AUTH_JWKS_URL: url } = values;
  // Without a valid key the configuration is refused (a problem is listed): the empty secret is never used.
  const key: TokenKey =
    url !== undefined ? { kind: 'jwks', url } : { kind: 'secret', secret: secretKey ?? new Uint8Array() };
  return {
    mode: 'token',
    key,
    rolesClaim: values.AUTH_ROLES_CLAIM,
    maxTokenAgeSeconds: values.AUTH_MAX_TOKEN_AGE,
    ...(values.AUTH_JWT_ISSUER === undefined ? {} : { issuer: values.AUTH_JWT_ISSUER }),
    ...(values.AUTH_JWT_AUDIENCE === undefined ? {} : { audience: values.AUTH_JWT_AUDIENCE }),
    ...(values.AUTH_ANONYMOUS_ROLE === undefined ? {} : { anonymousRole: values.AUTH_ANONYMOUS_ROLE }),
  };
}
