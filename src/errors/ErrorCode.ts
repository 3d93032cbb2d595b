/**
 * Stable `extensions.code` values. Clients and scripts branch on these, so a value is never renamed;
 * each carries the HTTP status the server answers with when the error ends the whole request.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The HTTP request itself is malformed: a body that is not JSON, a broken compression. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The operation is over a bound checked before it runs (its estimated cost). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** TRUSTED_DOCUMENTS: the operation (text or hash) is not in the manifest, and the caller is below admin. */
  PERSISTED_QUERY_NOT_LISTED: 'PERSISTED_QUERY_NOT_LISTED',
  /** The request body is over the size limit. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The body's charset or content encoding is not one the API reads. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** No valid credentials: a missing, malformed or invalid bearer token. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but the role does not allow this field or operation. */
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** The database has not caught up with the client's `x-bookmark` within BOOKMARK_WAIT_MS; see Retry-After. */
  BOOKMARK_NOT_REACHED: 'BOOKMARK_NOT_REACHED',
  /** The client sent more requests, or has more database work in flight, than it may; see Retry-After. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The identity provider's key set cannot be read, so no token can be checked now. */
  AUTH_UNAVAILABLE: 'AUTH_UNAVAILABLE',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /**
   * A read answered only from the maintained aggregates (the chain × county matrix: about a thousand counts) while
   * they are being rebuilt; the API rebuilds them by itself, so retry in a minute.
   */
  AGGREGATES_NOT_READY: 'AGGREGATES_NOT_READY',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  QUERY_TOO_COMPLEX: 400,
  PERSISTED_QUERY_NOT_LISTED: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DATABASE_UNAVAILABLE: 503,
  BOOKMARK_NOT_REACHED: 503,
  AUTH_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  QUERY_TIMEOUT: 504,
  AGGREGATES_NOT_READY: 503,
  INTERNAL_SERVER_ERROR: 500,
};
