import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type ErrorCode, httpStatusOf } from './ErrorCode';

function statusOf(code: unknown): number | undefined {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(httpStatusOf, code)
    ? httpStatusOf[code as ErrorCode]
    : undefined;
}

/**
 * The HTTP status of an answer without data: that of its first error's code (FORBIDDEN 403, QUERY_TIMEOUT 504, …).
 * Errors raised before execution already carry their status; this covers those raised while executing (by
 * @neo4j/graphql's own rules, the database, our resolvers), which Apollo would otherwise answer with 200. An answer
 * with partial data stays 200, as GraphQL over HTTP has it: the client reads the errors next to the data.
 */
export function errorStatus<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.http.status !== undefined) return;
          const { data, errors } = response.body.singleResult;
          if (data !== null && data !== undefined) return;
          const status = errors?.map((e) => statusOf(e.extensions?.code)).find((s) => s !== undefined);
          if (status !== undefined) response.http.status = status;
          // Both mean "try again shortly": the client's share of the database, or a member catching up (x-bookmark).
          const retry = new Set<unknown>(['RATE_LIMITED', 'BOOKMARK_NOT_REACHED']);
          if (errors?.some((e) => retry.has(e.extensions?.code))) response.http.headers.set('retry-after', '1');
        },
      };
    },
  };
}
