import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { ErrorCode } from './ErrorCode';

/** Codes that Apollo and graphql-js set themselves, and ours; their messages are about the request and safe to show. */
const PASS_THROUGH = new Set<string>([...Object.values(ApolloServerErrorCode), ...Object.values(ErrorCode)]);

const UNAVAILABLE_MESSAGE = 'The database is not reachable right now; try again shortly.';

// ProtocolError: the driver read a broken message, as when Neo4j dies in the middle of an answer.
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'ProtocolError']);

/** Maps a Neo4j driver error to a stable code and a message that reveals no Cypher or internals. */
export function classifyNeo4jError(error: Neo4jError): { code: ErrorCode; message: string } {
  if (UNAVAILABLE.has(error.code) || error.code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
    return {
      code: ErrorCode.DATABASE_UNAVAILABLE,
      message: UNAVAILABLE_MESSAGE,
    };
  }
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return { code: ErrorCode.QUERY_TIMEOUT, message: 'The query took longer than the allowed time; narrow it down.' };
  }
  if (error.code === 'Neo.ClientError.Statement.ArithmeticError') {
    // e.g. adding to an amount past 2^63 − 1 (a long overflow in the database)
    return {
      code: ErrorCode.BAD_USER_INPUT,
      message: 'A number in this request would go out of range (beyond 2^63 − 1).',
    };
  }
  // A bookmark of the x-bookmark header (a token this API issued, src/db/bookmarks.ts) that names no transaction of
  // this database: e.g. issued before the database was replaced by another.
  if (error.code.startsWith('Neo.ClientError.Transaction.InvalidBookmark')) {
    return {
      code: ErrorCode.BAD_REQUEST,
      message: 'x-bookmark: a bookmark is not one of this database; send the request without it.',
    };
  }
  // Neo4j's own wait for the x-bookmark's writes (db.transaction.bookmark_ready_timeout) ran out first.
  if (error.code === 'Neo.TransientError.Transaction.BookmarkTimeout') {
    return {
      code: ErrorCode.BOOKMARK_NOT_REACHED,
      message: 'x-bookmark: the database has not caught up with your last change yet; retry shortly.',
    };
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return {
      code: ErrorCode.CONFLICT,
      message: 'This would create a duplicate of an existing entity (same id or key).',
    };
  }
  if (error.code.startsWith('Neo.TransientError.General.MemoryPoolOutOfMemoryError')) {
    return { code: ErrorCode.QUERY_TIMEOUT, message: 'The query needed more memory than allowed; narrow it down.' };
  }
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error.' };
}

/** @neo4j/graphql's own error classes (not exported by the package), by name, with the code each maps to. */
const LIBRARY_ERRORS: Record<string, { code: ErrorCode; message?: string }> = {
  Neo4jGraphQLConstraintValidationError: {
    code: ErrorCode.CONFLICT,
    message: 'This would create a duplicate of an existing entity (same id or key).',
  },
  Neo4jGraphQLRelationshipValidationError: { code: ErrorCode.BAD_USER_INPUT },
  // The access plugin (src/graphql/accessControl.ts) refuses what the SDL's rules forbid before anything runs, naming
  // it; these are @neo4j/graphql's own checks of the same rules, the second line. Every request that reaches the
  // library carries a verified principal, so its "Unauthenticated" means a role that is too low, as "Forbidden" does.
  Neo4jGraphQLForbiddenError: { code: ErrorCode.FORBIDDEN, message: 'Forbidden: your roles do not allow this.' },
  Neo4jGraphQLAuthenticationError: { code: ErrorCode.FORBIDDEN, message: 'Forbidden: your roles do not allow this.' },
};

/**
 * The name of a @neo4j/graphql error: its class name, except for the "Unauthenticated" of @authentication, which
 * the library throws as a bare Neo4jGraphQLError (named GraphQLError) rather than its own authentication class.
 */
function libraryErrorName(error: Error): string {
  if (error.constructor.name === 'Neo4jGraphQLError' && error.message === 'Unauthenticated') {
    return 'Neo4jGraphQLAuthenticationError';
  }
  return error.name;
}

/**
 * Apollo `formatError`: operational errors keep their code and message; database errors get a stable code and
 * a safe message; anything else is a programmer error, logged in full by the caller and shown as a bare 500.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void = () => undefined,
  databaseDown: () => boolean = () => false,
): GraphQLFormattedError {
  const result = classify(formatted, error, onInternal);
  // An unexpected error while Neo4j is known to be unreachable is what its absence caused (a session the driver
  // closed under the request, a half-read answer): the client is told to retry, not that the server is broken.
  if (result.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR && databaseDown()) {
    return { ...result, message: UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.DATABASE_UNAVAILABLE } };
  }
  return result;
}

function classify(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void,
): GraphQLFormattedError {
  // Apollo's unwrapResolverError unwraps only errors with a path (a resolver's); one thrown by a plugin before
  // execution (a guard's lookup, the session limit) arrives wrapped without a path and must be classified as well.
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof Neo4jError) {
    const { code, message } = classifyNeo4jError(original);
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) onInternal(original);
    return { ...base, message, extensions: { code } };
  }
  const library = original instanceof Error ? LIBRARY_ERRORS[libraryErrorName(original)] : undefined;
  if (library) {
    return { ...base, message: library.message ?? formatted.message, extensions: { code: library.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _s, http: _h, ...rest } = formatted.extensions ?? {};
    return { ...base, message: formatted.message, extensions: { ...rest, code } };
  }
  onInternal(original);
  return { ...base, message: 'Internal server error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
