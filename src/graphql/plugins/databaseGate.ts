import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import type { DbHealth } from '../../db';
import { AppError, ErrorCode } from '../../errors';
import { onlyIntrospection } from '../operations';

/**
 * Fails a GraphQL operation at once with DATABASE_UNAVAILABLE while Neo4j is known to be down, instead of letting
 * every resolver wait for a connection. Introspection-only operations need no database and always pass.
 */
export function databaseGate(health: DbHealth): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (onlyIntrospection(operation)) return;
          if (!(await health.current()).ready) {
            throw new AppError(
              ErrorCode.DATABASE_UNAVAILABLE,
              'The database is not reachable right now; try again shortly.',
            );
          }
        },
      };
    },
  };
}
