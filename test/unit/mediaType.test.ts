import path from 'node:path';
import { HeaderMap } from '@apollo/server';
import { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, responseMediaType } from '../../src/errors/mediaType';

/**
 * Apollo Server's own choice of the type of a single result (not part of its public API: the file beside its entry
 * point, which the package's exports do not name): the status errorStatus picks must agree with the type Apollo writes
 * the body in. If this require breaks, look again at how the Apollo Server in use negotiates.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apollo = require(path.join(path.dirname(require.resolve('@apollo/server')), 'ApolloServer.js')) as {
  chooseContentTypeForSingleResultResponse(head: { headers: HeaderMap }): string | null;
};

const GRAPHQL = GRAPHQL_RESPONSE_JSON;
const JSON_ = APPLICATION_JSON;

describe('responseMediaType: the type of an answer by the Accept header, as Apollo Server picks it', () => {
  const cases: [string | undefined, string][] = [
    [undefined, JSON_],
    ['', JSON_],
    ['*/*', JSON_], // fetch's default, Apollo Client 3's
    ['application/json', JSON_],
    ['application/*', JSON_],
    ['application/graphql-response+json', GRAPHQL],
    ['application/graphql-response+json, application/json;q=0.9', GRAPHQL], // Apollo Client 4's
    ['application/graphql-response+json, application/json', GRAPHQL], // equal: the earlier wins
    ['application/json, application/graphql-response+json', JSON_],
    ['application/graphql-response+json;q=0.5, application/json', JSON_],
    ['application/json;q=0, */*', GRAPHQL],
    ['APPLICATION/GRAPHQL-RESPONSE+JSON; charset=utf-8', GRAPHQL],
    ['application/graphql-response+json; charset=latin1', JSON_], // accepts neither: Apollo answers 406
    ['text/html', JSON_],
    ['application/json;callbackSpec=1.0, application/graphql-response+json;q=0.9', JSON_], // Apollo's JSONP type
    ['multipart/mixed;deferSpec=20220824, application/graphql-response+json, application/json', GRAPHQL],
  ];

  it.each(cases)('Accept %p → %s', (accept, type) => {
    expect(responseMediaType(accept)).toBe(type);
  });

  it.each(cases)('agrees with Apollo Server for Accept %p', (accept) => {
    const headers = new HeaderMap();
    if (accept !== undefined) headers.set('accept', accept);
    const chosen = apollo.chooseContentTypeForSingleResultResponse({ headers });
    expect(responseMediaType(accept) === GRAPHQL).toBe(chosen === GRAPHQL);
  });
});
