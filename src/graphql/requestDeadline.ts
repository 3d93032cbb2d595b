import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { AppError, ErrorCode, httpStatusOf } from '../errors';

function timeoutError(timeoutMs: number): AppError {
  return new AppError(
    ErrorCode.QUERY_TIMEOUT,
    `The request took longer than ${timeoutMs} ms, result building included; narrow it down.`,
    { timeoutMs },
  );
}

/**
 * Bounds the whole request by `timeoutMs` from its arrival, not only its database transactions (whose own timeout is
 * the same number): JavaScript cannot interrupt a running resolver, so each field resolution is the checkpoint. Once
 * the deadline has passed, every field still to resolve fails at once without running its resolver, which cuts the
 * building of a large result short; and the answer is then a single QUERY_TIMEOUT (504), never a partial result
 * full of the same error. A request that finished before its deadline is answered as is. Mutations are left to their
 * transactions' timeout.
 *
 * Apollo calls `willResolveField` for every field when a plugin defines it (the wrapping costs one clock read per
 * field; bench/ measures the maps and gap lists with it).
 */
export function requestDeadline<TContext extends BaseContext>(timeoutMs: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const deadline = performance.now() + timeoutMs;
      let expired = false;
      return {
        async executionDidStart({ operation }) {
          // Queries only: a mutation past the deadline may have committed, and answering it with QUERY_TIMEOUT would
          // make a client retry a write that happened (its transactions have their own timeout).
          if (operation?.operation !== 'query') return;
          return {
            willResolveField() {
              if (!expired && performance.now() <= deadline) return;
              expired = true;
              throw timeoutError(timeoutMs);
            },
          };
        },
        async willSendResponse({ response }) {
          if (!expired || response.body.kind !== 'single') return;
          // The answer as formatError would shape it: Apollo reads `extensions.http` for the status and never shows it.
          const { message } = timeoutError(timeoutMs);
          response.body.singleResult = {
            errors: [{ message, extensions: { code: ErrorCode.QUERY_TIMEOUT, timeoutMs } }],
          };
          response.http.status = httpStatusOf[ErrorCode.QUERY_TIMEOUT];
        },
      };
    },
  };
}
