import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthConfig } from '../config';
import { ErrorCode, sendError } from '../errors';
import type { Logger } from '../logger';
import { isLoopbackAddress, isLoopbackHost, formatDuration } from '../lib';
import { principalOf, type Principal } from './principal';
import { AuthFailure, bearerToken, DEFAULT_MAX_TOKEN_AGE_SECONDS, sharedTokenVerifier } from './verify';

/** What the client is told for each reason: enough to act on, nothing about the key or the claims. */
const MESSAGES: Record<AuthFailure['reason'], string> = {
  TOKEN_REQUIRED: 'This API needs a bearer token: send "Authorization: Bearer <token>".',
  MALFORMED_AUTHORIZATION: 'The Authorization header is not "Bearer <token>" with a JSON Web Token.',
  INVALID_TOKEN: 'The bearer token is not valid (signature, expiry, issuer, audience or claims); get a new one.',
  TOKEN_LIFETIME:
    'The bearer token lives too long: it must say when it was issued (iat, not in the future) and expire (exp) at ' +
    'most AUTH_MAX_TOKEN_AGE after that; get a token with a shorter lifetime.',
  KEYS_UNAVAILABLE: "The identity provider's keys cannot be read right now; try again shortly.",
};

function refuse(res: Response, failure: AuthFailure, extensions: Record<string, unknown> = {}): void {
  const unavailable = failure.reason === 'KEYS_UNAVAILABLE';
  const code = unavailable ? ErrorCode.AUTH_UNAVAILABLE : ErrorCode.UNAUTHENTICATED;
  if (!unavailable) {
    // RFC 6750 §3: no error attribute when the request had no credentials at all.
    const error = failure.reason === 'TOKEN_REQUIRED' ? '' : ', error="invalid_token"';
    res.setHeader('WWW-Authenticate', `Bearer realm="innovation-graph"${error}`);
  }
  sendError(res, code, MESSAGES[failure.reason], { reason: failure.reason, ...extensions });
}

/** The host name of a Host header (`localhost:4000` → `localhost`, `[::1]:4000` → `::1`), or null without one. */
export function hostnameOf(header: string | undefined): string | null {
  if (!header) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1] ?? null;
  return header.replace(/:\d+$/, '').toLowerCase();
}

/** The request's principal, set by {@link authenticate}. */
export function principalOfResponse(res: Response): Principal {
  const principal = (res.locals as { principal?: Principal }).principal;
  if (principal === undefined) throw new Error('authenticate() did not run before this handler');
  return principal;
}

/**
 * Express middleware for every route that reads or writes the graph: establishes who sends the request before any
 * database work, or answers at once.
 * - local mode (no authentication configured): loopback clients only, each as the local role; any other address gets
 *   403 (loadConfig already refuses to listen beyond loopback, so this is the second line);
 * - token mode: a valid bearer token, or without an Authorization header the anonymous role when one is configured;
 *   anything else is 401 UNAUTHENTICATED (503 AUTH_UNAVAILABLE when the identity provider's keys cannot be read),
 *   with the reason logged.
 */
export function authenticate(auth: AuthConfig, logger: Logger): RequestHandler {
  if (auth.mode === 'local') {
    const local = principalOf('local', [auth.localRole], 'local');
    return (req: Request, res: Response, next: NextFunction) => {
      // A web page whose domain re-resolves to 127.0.0.1 (DNS rebinding) reaches us from loopback too, but under its
      // own host name: only a request addressed to this machine by a loopback name is served.
      const host = hostnameOf(req.headers.host);
      const address = req.socket.remoteAddress;
      const problem =
        host === null || !isLoopbackHost(host)
          ? { log: 'local mode: request for another host', to: 'to localhost or 127.0.0.1' }
          : !isLoopbackAddress(address)
            ? { log: 'local mode: request from another machine', to: 'from this machine' }
            : null;
      if (problem) {
        logger.warn({ reqId: res.locals.requestId, host: req.headers.host, address }, problem.log);
        sendError(
          res,
          ErrorCode.FORBIDDEN,
          `Without authentication configured this API answers requests ${problem.to} only.`,
        );
        return;
      }
      res.locals.principal = local;
      next();
    };
  }
  const verify = sharedTokenVerifier(auth);
  // A TOKEN_LIFETIME refusal says the longest lifetime accepted, so that a client (or its operator) can fix it.
  const maxTokenAgeSeconds = auth.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const lifetime = { maxTokenAgeSeconds, maxTokenAge: formatDuration(maxTokenAgeSeconds) };
  const anonymous = auth.anonymousRole ? principalOf('anonymous', [auth.anonymousRole], 'anonymous') : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const failed = (failure: AuthFailure): void => {
      logger.warn({ reqId: res.locals.requestId, reason: failure.reason, detail: failure.detail }, 'not authenticated');
      refuse(res, failure, failure.reason === 'TOKEN_LIFETIME' ? lifetime : {});
    };
    if (header === undefined) {
      if (anonymous) {
        res.locals.principal = anonymous;
        next();
      } else {
        failed(new AuthFailure('TOKEN_REQUIRED', 'no Authorization header'));
      }
      return;
    }
    let token: string;
    try {
      token = bearerToken(header);
    } catch (error) {
      failed(error as AuthFailure);
      return;
    }
    verify(token).then(
      (principal) => {
        res.locals.principal = principal;
        next();
      },
      (error: unknown) => {
        if (error instanceof AuthFailure) failed(error);
        else next(error);
      },
    );
  };
}

/**
 * Whether a request comes from this machine and was sent to it by a loopback name: a loopback socket address, a
 * loopback Host (not a web page's domain re-resolved to 127.0.0.1), and no Forwarded / X-Forwarded-For header (a
 * reverse proxy on this machine relays other machines' requests from a loopback address).
 */
export function isLoopbackRequest(req: Pick<Request, 'headers' | 'socket'>): boolean {
  const host = hostnameOf(req.headers.host);
  return (
    host !== null &&
    isLoopbackHost(host) &&
    isLoopbackAddress(req.socket.remoteAddress) &&
    req.headers.forwarded === undefined &&
    req.headers['x-forwarded-for'] === undefined
  );
}

/**
 * Who a request is, for a route that serves everyone but tells some callers more (`/health/ready`): the principal of
 * a valid bearer token, the local role for a loopback request in local mode, else null — never an answer of its own
 * (a bad or missing token is only null, so a load balancer's probe keeps working). Shares the token verifier (and an
 * identity provider's cached key set) with {@link authenticate}.
 */
export function optionalPrincipal(auth: AuthConfig): (req: Request) => Promise<Principal | null> {
  if (auth.mode === 'local') {
    const local = principalOf('local', [auth.localRole], 'local');
    return async (req) => (isLoopbackRequest(req) ? local : null);
  }
  const verify = sharedTokenVerifier(auth);
  return async (req) => {
    const header = req.headers.authorization;
    if (header === undefined) return null;
    try {
      return await verify(bearerToken(header));
    } catch {
      return null;
    }
  };
}
