import express, { type Request } from 'express';

/** GraphQL over HTTP's own response type: its statuses say how the request went (400, 403, 503 …). */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
/** The legacy response type: a GraphQL error is answered 200, with the error in the body. */
export const APPLICATION_JSON = 'application/json; charset=utf-8';

export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

/**
 * What Apollo Server offers for a single result, in its order (chooseContentTypeForSingleResultResponse in
 * @apollo/server's ApolloServer.ts): the order breaks ties (the wildcard, equal q values) in favour of
 * application/json, and the JSONP-callback type, which Apollo offers as well, is offered so that an Accept preferring
 * it is not read as a preference for application/graphql-response+json (it is answered as application/json here).
 */
const OFFERED = [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, 'application/json; callbackSpec=1.0; charset=utf-8'];

/**
 * The type of the answer to a request with this Accept header, as Apollo Server picks it for a GraphQL result, so
 * that the status chosen for an error (src/errors/errorStatus.ts) and the body's type always agree, and the answers
 * written before Apollo runs (src/errors/httpErrors.ts) are in the type the client would get from Apollo:
 * application/graphql-response+json when the client lists it and prefers it at least as much as application/json
 * (of two equal preferences, the one the header names first), else application/json — also without an Accept
 * header, with the wildcard alone, or when the header accepts neither.
 *
 * Negotiated by Express's req.accepts (the accepts package over negotiator, the library Apollo Server negotiates
 * with), called on a request of only this header: the Apollo plugin has the header, not Express's request.
 */
export function responseMediaType(accept: string | undefined): ResponseMediaType {
  const headerOnly = { headers: { accept } } as unknown as Request;
  return express.request.accepts.call(headerOnly, ...OFFERED) === GRAPHQL_RESPONSE_JSON
    ? GRAPHQL_RESPONSE_JSON
    : APPLICATION_JSON;
}
