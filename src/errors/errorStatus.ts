import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode, httpStatusOf } from './ErrorCode';
import { GRAPHQL_RESPONSE_JSON, responseMediaType } from './mediaType';

function statusOf(code: unknown): number | undefined {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(httpStatusOf, code)
    ? httpStatusOf[code as ErrorCode]
    : undefined;
}

// Both mean "try again shortly": the client's share of the database, or a member catching up (x-bookmark).
const RETRY_CODES = new Set<unknown>([ErrorCode.RATE_LIMITED, ErrorCode.BOOKMARK_NOT_REACHED]);

/** 405: a mutation sent by GET. GraphQL over HTTP requires this status whatever the client accepts. */
const METHOD_NOT_ALLOWED = 405;

/**
 * The HTTP status of a GraphQL answer, by the type it is written in (GraphQL over HTTP, "application/json" and
 * "application/graphql-response+json"; responseMediaType picks the type exactly as Apollo Server does):
 *
 * - application/graphql-response+json (and in-process operations, which have no HTTP request): an answer without
 *   data has the status of its first error's code (FORBIDDEN 403, QUERY_TIMEOUT 504, …). Errors raised before
 *   execution already carry their status (Apollo's 400 for parse, validation and variable errors; an AppError's); this
 *   covers those raised while executing (by @neo4j/graphql's own rules, the database, our resolvers), which Apollo
 *   would otherwise answer with 200. An answer with partial data stays 200: the client reads the errors next to the
 *   data.
 * - application/json (an Accept of application/json or the wildcard, or none: Apollo Client 3, fetch's default):
 *   200 once Apollo has the operation's text, whatever went wrong from parsing on, the error and its code being in
 *   the body — a client of this type treats any other status as a failure of the transport and does not read the
 *   GraphQL errors. Apollo's refusals of the request itself keep their status: a request without a query (400,
 *   answered before there is any text) and a mutation by GET (405).
 *
 * An answer with RATE_LIMITED or BOOKMARK_NOT_REACHED says `Retry-After: 1`, whatever the type. Answers refused
 * before Apollo runs (401, 413, 429 …) are written by sendErrors (httpErrors.ts) and keep their status under both.
 * `onStatus` is told the first status, whatever the type (what was refused is refused under both).
 *
 * Last in the server's plugin list: Apollo calls the willSendResponse hooks in the list's order, and this one must
 * see what those before it set (requestDeadline's 504 and the body it writes) to have the last word on the status.
 */
export function errorStatus<TContext extends BaseContext>(
  onStatus: (context: TContext, status: number) => void = () => undefined,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, response, source }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.some((e) => RETRY_CODES.has(e.extensions?.code))) response.http.headers.set('retry-after', '1');
          if (data !== null && data !== undefined) {
            // Partial data is 2xx under both types (GraphQL over HTTP), though an AppError of a nested field set its
            // own status: the client reads the errors next to the data.
            if (response.http.status !== undefined && response.http.status >= 400) response.http.status = 200;
          } else if (response.http.status === undefined) {
            const status = errors?.map((e) => statusOf(e.extensions?.code)).find((s) => s !== undefined);
            if (status !== undefined) response.http.status = status;
          }
          onStatus(contextValue, response.http.status ?? 200);
          const json =
            request.http !== undefined &&
            responseMediaType(request.http.headers.get('accept')) !== GRAPHQL_RESPONSE_JSON;
          if (json && source !== undefined && response.http.status !== METHOD_NOT_ALLOWED) response.http.status = 200;
        },
      };
    },
  };
}
