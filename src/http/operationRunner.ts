import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../auth';
import type { RequestContext } from '../context';
import type { RunOperation } from '../export';
import type { ContextFor } from './requestContext';

/**
 * Runs GraphQL operations as a principal through `apollo`'s whole pipeline (access, limits, guards, cache), in-process:
 * how exports read their tables, over HTTP and from `npm run export`, so that their numbers are the API's.
 */
export function operationRunner(
  apollo: ApolloServer<RequestContext>,
  contextFor: ContextFor,
): (principal: Principal, requestId: string) => RunOperation {
  return (principal, requestId) => async (query, variables) => {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: contextFor(requestId, principal) },
    );
    if (response.body.kind !== 'single') throw new Error('export: an operation answered incrementally');
    return response.body.singleResult;
  };
}
