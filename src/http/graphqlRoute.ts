import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type RequestHandler } from 'express';
import { principalOfResponse } from '../auth';
import type { RequestContext } from '../context';
import { BOOKMARK_HEADER } from '../db';
import { bookmarksOfResponse } from './bookmarkHeader';
import { clientKeyOf } from './fairness';
import { jsonDepthLimit } from './jsonDepth';
import { onAnsweredOf } from './persistedDocuments';
import type { ContextFor } from './requestContext';

/** Response headers a page of another origin (CORS_ORIGINS) may read: the bookmarks above all. */
const EXPOSED_HEADERS = [BOOKMARK_HEADER, 'x-cache', 'x-request-id'];

export interface GraphqlRouteOptions {
  /** Started. */
  apollo: ApolloServer<RequestContext>;
  /** CORS_ORIGINS: the other origins whose pages may call the API. */
  corsOrigins: string[];
  /** Establishes the principal (src/auth/authenticate.ts). */
  authenticated: RequestHandler;
  /** The client's rate limit (src/http/fairness.ts). */
  rateLimited: RequestHandler;
  /** Trusted documents and APQ (src/http/persistedDocuments.ts). */
  documents: RequestHandler;
  /** The wait for the client's `x-bookmark` (src/http/bookmarkHeader.ts). */
  bookmarks: RequestHandler;
  contextFor: ContextFor;
}

/** The handlers of `/graphql`, in order, down to Apollo Server with the request's context. */
export function graphqlRoute(options: GraphqlRouteOptions): RequestHandler[] {
  const { contextFor } = options;
  return [
    // Same origin only unless CORS_ORIGINS names others; a preflight is answered before authentication (it
    // carries no credentials), and a refused origin gets no CORS headers, so the browser withholds the answer.
    cors<cors.CorsRequest>({ origin: options.corsOrigins, maxAge: 600, exposedHeaders: EXPOSED_HEADERS }),
    options.authenticated,
    options.rateLimited,
    express.json({ limit: '1mb' }),
    // Before the bookmark wait: an operation that may not run is refused before any database call.
    options.documents,
    options.bookmarks,
    // JSON nested past what the recursive reading of variables survives: 400 naming the part, never a 500.
    jsonDepthLimit(),
    expressMiddleware(options.apollo, {
      context: async ({ req, res }) => {
        const principal = principalOfResponse(res);
        const context = contextFor(
          String(res.locals.requestId),
          principal,
          clientKeyOf(principal, req),
          bookmarksOfResponse(res),
          res.locals.clientBookmarks as string[],
          res.locals.clientRequestId as string | null,
        );
        // GRAPHQL_APQ's registration of a text waits for the answer's status (src/http/persistedDocuments.ts).
        const onAnswered = onAnsweredOf(res);
        return onAnswered === undefined ? context : { ...context, onAnswered };
      },
    }),
  ];
}
