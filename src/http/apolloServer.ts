import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { RequestContext } from '../context';
import type { DbHealth } from '../db';
import { formatError } from '../errors';
import type { Logger } from '../logger';

export interface ApolloServerOptions {
  schema: GraphQLSchema;
  introspection: boolean;
  /** The operation limits' validation rules (src/graphql/operationLimits.ts). */
  validationRules: ValidationRule[];
  /** GRAPHQL_MAX_TOKENS. */
  maxTokens: number;
  /** Whether Neo4j is known to be down: errors are then logged as warnings and answered as unavailable. */
  health: DbHealth;
  logger: Logger;
  /** In the order Apollo runs them (server.ts lists them). */
  plugins: ApolloServerPlugin<RequestContext>[];
}

/** The Apollo server of the API: no stack traces in answers, no signal handlers of its own, our error format. */
export function apolloServer(options: ApolloServerOptions): ApolloServer<RequestContext> {
  const { health, logger } = options;
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    // index.ts owns signal handling (drain, then close the driver); Apollo's own handler would re-raise SIGTERM.
    stopOnTerminationSignals: false,
    introspection: options.introspection,
    // Apollo's automatic persisted queries share one cache across callers: GRAPHQL_APQ is ours, per role set.
    persistedQueries: false,
    validationRules: options.validationRules,
    // graphql-js stops parsing past this many tokens (GRAPHQL_PARSE_FAILED): a huge document costs nothing more.
    parseOptions: { maxTokens: options.maxTokens },
    formatError: (formatted, error) =>
      formatError(
        formatted,
        error,
        (internal) =>
          health.knownDown()
            ? logger.warn({ err: internal }, 'error in a GraphQL request while the database is down')
            : logger.error({ err: internal }, 'internal error in a GraphQL request'),
        () => health.knownDown(),
      ),
    plugins: options.plugins,
  });
}
