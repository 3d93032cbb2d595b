import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';

/**
 * What an answer that depends on its caller says to caches: keep nothing (not a shared proxy, not the browser), and
 * were one to keep it anyway, never hand it to a request with another Authorization header.
 */
export const NO_STORE = 'no-store';

/**
 * Express middleware, first in the app: every answer is `Cache-Control: no-store` and `Vary: Authorization` unless a
 * later handler says otherwise — GraphQL (POST and GET, errors included), exports, imports, /metrics, /health/ready,
 * the 401s and 404s. Only the explorer's and the console's static files replace it (express.static sets its own
 * Cache-Control where none is set; server.ts removes ours before them).
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', NO_STORE);
  res.vary('Authorization');
  next();
}

/**
 * The same for every GraphQL answer Apollo writes: its own headers are copied onto the response last, and some of
 * them carry a Cache-Control of Apollo's (the cache-control plugin on a GET, `private, no-cache` on a persisted-query
 * error); this puts no-store back.
 */
export function noStorePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', NO_STORE);
        },
      };
    },
  };
}
