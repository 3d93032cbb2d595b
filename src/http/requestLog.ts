import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

/** Called once per HTTP request when its answer is sent (the metrics' `observeHttp`). */
export type ObserveHttp = (path: string, status: number, seconds: number, code?: unknown) => void;

// Not pino-http: it times with Date.now() (whole ms, where `ms` and the metrics take hrtime), also logs aborted
// requests (on 'close') and 5xx answers as errors with an `err`, and would need six of its options to write our line.
/**
 * Express middleware, first in the app: gives the request its id (`res.locals.requestId`, the `x-request-id`
 * response header), and when the answer is sent logs one `request` line and hands its status and latency to
 * `observe`.
 */
export function requestLog(logger: Logger, observe: ObserveHttp): RequestHandler {
  return (req, res, next) => {
    // The request id is always the server's (in logs, errors, AuditEvents and the response header): a client could
    // otherwise make two events claim one request. A client's own x-request-id is kept beside it, as its
    // correlation id, when it is a plain token.
    const header = req.headers['x-request-id'];
    const clientId = typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : null;
    const id = randomUUID();
    res.locals.requestId = id;
    res.locals.clientRequestId = clientId;
    res.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      observe(req.originalUrl, res.statusCode, ms / 1000, res.locals.errorCode);
      logger.info(
        {
          reqId: id,
          clientReqId: clientId ?? undefined,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms,
        },
        'request',
      );
    });
    next();
  };
}
