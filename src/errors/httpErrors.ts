import type { ErrorRequestHandler, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger';
import { ErrorCode, httpStatusOf } from './ErrorCode';
import { responseMediaType } from './mediaType';

/**
 * Writes `{ errors }`, a GraphQL response without data, with `status`, in the type the client accepts
 * (responseMediaType: application/graphql-response+json or application/json), as Apollo would write it: every
 * answer of the API reads the same, wherever it was refused. The status is the caller's: an answer written here was
 * refused before GraphQL ran (401, 413, 429 …), and keeps its status whatever the client accepts.
 */
export function sendErrors(res: Response, status: number, errors: GraphQLFormattedError[]): void {
  res.status(status).type(responseMediaType(res.req.headers.accept)).json({ errors });
}

/**
 * Answers an HTTP request outside GraphQL with an error as GraphQL would show it: the code's status and
 * `{ errors: [{ message, extensions: { code, ...extensions } }] }` (see {@link sendErrors}); `res.locals.errorCode`
 * tells the metrics why.
 */
export function sendError(
  res: Response,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.locals.errorCode = code;
  sendErrors(res, httpStatusOf[code], [{ message, extensions: { code, ...extensions } }]);
}

/** What body-parser (express.json) says about a body it refuses, by its error `type`, as the client is told it. */
const BODY_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  'entity.parse.failed': {
    code: ErrorCode.BAD_REQUEST,
    message: 'The request body is not a JSON object: send {"query": "...", "variables": {...}}.',
  },
  'entity.too.large': { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is larger than 1 MB.' },
  'charset.unsupported': {
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'The request body must be UTF-8 (Content-Type: application/json; charset=utf-8), or UTF-16/32.',
  },
  'encoding.unsupported': {
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'Unsupported Content-Encoding: send the body uncompressed, or as gzip or deflate.',
  },
  'request.aborted': { code: ErrorCode.BAD_REQUEST, message: 'The request body ended before its announced length.' },
  'request.size.invalid': {
    code: ErrorCode.BAD_REQUEST,
    message: 'The request body does not match its Content-Length.',
  },
};

/**
 * The last Express handler: every error a middleware raised (a body that is not JSON, too large, in another charset
 * or a broken compression) becomes an answer `{ errors: [{ message, extensions: { code } }] }` with the status of its
 * code ({@link sendError}), never Express's HTML page with a stack trace and file paths. An unexpected error is logged
 * in full and answered as a bare 500.
 */
export function httpErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const e = (error ?? {}) as { type?: string; status?: number; statusCode?: number; code?: string };
    let known = e.type === undefined ? undefined : BODY_ERRORS[e.type];
    const status = e.status ?? e.statusCode;
    if (known === undefined && (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || e.code === 'ERR_PADDING_1')) {
      known = { code: ErrorCode.BAD_REQUEST, message: 'The compressed request body is corrupt.' };
    }
    if (known === undefined && typeof status === 'number' && status >= 400 && status < 500) {
      known = { code: ErrorCode.BAD_REQUEST, message: 'The request is malformed.' };
    }
    if (known === undefined) {
      logger.error({ err: error, reqId: res.locals.requestId }, 'unexpected error in an HTTP handler');
      known = { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error.' };
    }
    sendError(res, known.code, known.message);
  };
}
