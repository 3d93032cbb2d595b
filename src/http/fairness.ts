import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth';
import { ErrorCode, sendError } from '../errors';
import type { Logger } from '../logger';

/** Who a request counts against: its token's subject, else (local mode, anonymous) the address it came from. */
export function clientKeyOf(principal: Principal, req: Pick<Request, 'socket'>): string {
  return principal.via === 'token' ? `sub:${principal.sub}` : `ip:${req.socket.remoteAddress ?? '?'}`;
}

/** A 429 RATE_LIMITED answer with the seconds to wait, in the header and the body. */
export function rateLimited(res: Response, retryAfterSeconds: number, message: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendError(res, ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
}

/**
 * Express middleware after authentication: at most `perMinute` requests per client and minute (rate-limiter-flexible,
 * in memory: a replica counts its own requests); the next one is 429 RATE_LIMITED with Retry-After. 0 turns it off.
 */
export function rateLimit(perMinute: number, logger: Logger): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return (req, res, next) => {
    const key = clientKeyOf(res.locals.principal as Principal, req);
    limiter.consume(key).then(
      () => next(),
      (refusal: unknown) => {
        if (!(refusal instanceof RateLimiterRes)) {
          next(refusal);
          return;
        }
        const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        logger.warn({ reqId: res.locals.requestId, client: key }, 'rate limited');
        rateLimited(
          res,
          seconds,
          `Too many requests: at most ${perMinute} a minute per client; retry in ${seconds} s.`,
        );
      },
    );
  };
}
