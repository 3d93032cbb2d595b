import http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { type AccessRules, authenticate, type Principal } from './auth';
import type { BackupStatusSource } from './backup';
import { type Config, explorerDocuments, mergeTrustedDocuments } from './config';
import type { RequestContext } from './context';
import { type DbHealth, KeyedSemaphores } from './db';
import { errorStatus, httpErrors } from './errors';
import type { RunOperation } from './export';
import {
  accessControl,
  argumentGuards,
  bookmarkResponse,
  databaseGate,
  dataVersionCache,
  type GuardedField,
  type ListLimit,
  moneyNotNegative,
  operationLimits,
  Preflight,
  requestDeadline,
} from './graphql';
import {
  apolloServer,
  bookmarkTokens,
  type ContextFor,
  createMetrics,
  exportRoutes,
  graphqlRoute,
  healthRoutes,
  importRoutes,
  metricsRoute,
  noStore,
  noStorePlugin,
  notFound,
  operationRunner,
  persistedDocuments,
  rateLimit,
  requestContexts,
  requestLog,
  staticPages,
} from './http';
import type { Logger } from './logger';

export interface ServerDeps {
  config: Pick<
    Config,
    | 'database'
    | 'queryTimeoutMs'
    | 'imports'
    | 'production'
    | 'responseCacheMb'
    | 'auth'
    | 'corsOrigins'
    | 'limits'
    | 'fairness'
    | 'introspection'
  > &
    Partial<Pick<Config, 'routing' | 'trustedDocuments' | 'apq' | 'bookmarks' | 'disclosureMinCell'>>;
  driver: Driver;
  schema: GraphQLSchema;
  /** Called when a write marked the maintained aggregates stale (index.ts starts a background rebuild). */
  onAggregatesStale?: () => void;
  /** Who may do what, read from the same SDL as the schema (buildSchema returns both). */
  accessRules: AccessRules;
  /** The @limit of each @node type (buildSchema returns it), for the paging checks and the cost of an operation. */
  listLimits: Map<string, ListLimit>;
  /** The root fields whose arguments are checked before execution (buildSchema returns them, read from the SDL). */
  guardedFields: ReadonlyMap<string, GuardedField>;
  health: DbHealth;
  logger: Logger;
  /** Scheduled backups (src/backup/schedule.ts), when BACKUP_DIR is set: their state goes to /health/ready and /metrics. */
  backups?: BackupStatusSource;
}

export type { RequestContext };

export interface AppServer {
  app: Express;
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** Starts Apollo and mounts the routes; call once before listening or sending requests. */
  start(): Promise<void>;
  /** Stops accepting, drains in-flight requests and stops Apollo (the caller closes the driver). */
  stop(): Promise<void>;
  /**
   * The context every GraphQL operation of a request runs with (exported for tests that execute in-process);
   * `clientKey` names whose database sessions it counts against (default: the principal's).
   */
  contextFor: ContextFor;
  /**
   * Runs GraphQL operations as `principal` through the whole pipeline (access, limits, guards, cache): how exports
   * read their tables, over HTTP and from `npm run export`, so that their numbers are the API's.
   */
  runAs(principal: Principal, requestId: string): RunOperation;
}

/**
 * Builds the Apollo server and the HTTP app around it. Never listens: index.ts does, and tests need not. Reads as the
 * list of what a request meets, in order; each piece is a module of src/http or src/graphql.
 */
export function createServer(deps: ServerDeps): AppServer {
  const { config, driver, schema, health, logger, accessRules, guardedFields, onAggregatesStale } = deps;
  const limits = operationLimits<RequestContext>(config.limits, deps.listLimits);
  const preflight = new Preflight<RequestContext>();
  const cache = dataVersionCache({ config, driver, health, logger, proceed: (context) => preflight.passed(context) });
  // Database sessions held at once, per client across its requests (src/db/sessionLimits.ts).
  const clientSessions = new KeyedSemaphores(config.fairness.clientSessions);
  const metrics = createMetrics(() => ({ ...clientSessions.load, clients: clientSessions.size }), deps.backups);
  const bookmarks = bookmarkTokens({ config, driver, clientSessions, health, logger });
  const contextFor = requestContexts({ config, driver, clientSessions, accessRules, logger, onAggregatesStale });
  // One middleware for every route that needs a principal: one token verifier, so an identity provider's key set is
  // fetched and cached once.
  const authenticated = authenticate(config.auth, logger);
  // TRUSTED_DOCUMENTS (with the explorer's shipped manifest, so that the page keeps working) and GRAPHQL_APQ, decided
  // before Apollo Server sees the request (src/http/persistedDocuments.ts).
  const trusted = config.trustedDocuments ? mergeTrustedDocuments(config.trustedDocuments, explorerDocuments()) : null;
  if (trusted) logger.info({ files: trusted.files, texts: trusted.hashes.size }, 'trusted documents only below admin');
  const documents = persistedDocuments({ trusted, apq: config.apq === true });
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = apolloServer({
    schema,
    introspection: config.introspection,
    validationRules: limits.validationRules,
    maxTokens: config.limits.maxTokens,
    health,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints are used; the default cache-control plugin would still run a hook for every field.
      ApolloServerPluginCacheControlDisabled(),
      // Every GraphQL answer depends on its caller: Cache-Control: no-store, whatever Apollo set.
      noStorePlugin<RequestContext>(),
      metrics.plugin<RequestContext>(),
      // The checks that refuse a request before it runs; the cache and the guards below wait for them (preflight),
      // so a refused request does no database work, is never answered from the cache and writes nothing.
      preflight.checking(accessControl<RequestContext>(accessRules)),
      ...limits.plugins.map((plugin) => preflight.checking(plugin)),
      preflight.checking(moneyNotNegative<RequestContext>()),
      bookmarkResponse(bookmarks.codec),
      requestDeadline<RequestContext>(config.queryTimeoutMs),
      databaseGate(health),
      // Before the argument guards: they skip their database lookup for a request the cache answers.
      cache,
      argumentGuards(guardedFields, {
        answersFromCache: (context) => cache.answersFromCache(context),
        proceed: (context) => preflight.passed(context),
      }),
      // Last: the status of the answer by the type the client accepts (200 or the error's under application/json or
      // application/graphql-response+json), after every other plugin has shaped the answer (requestDeadline's 504).
      errorStatus<RequestContext>((context, status) => context.onAnswered?.(status)),
    ],
  });

  app.disable('x-powered-by');
  app.use(requestLog(logger, metrics.observeHttp));
  // Cache-Control: no-store and Vary: Authorization on every answer but the static pages' files (src/http/noStore.ts).
  app.use(noStore);
  healthRoutes(app, { health, auth: config.auth, backups: deps.backups });
  metricsRoute(app, metrics.registry, authenticated);
  // Spreadsheet import (editor), its templates, and undo (admin): the same code path as `npm run import`.
  app.use(
    importRoutes({
      driver,
      database: config.database,
      timeoutMs: config.imports.timeoutMs,
      maxBytes: config.imports.maxBytes,
      before: [authenticated, rateLimit(config.fairness.ratePerMinute, logger), bookmarks.header],
      corsOrigins: config.corsOrigins,
      ...(onAggregatesStale === undefined ? {} : { onAggregatesStale }),
    }),
  );
  // Exports of gap lists and the review (planner), run as GraphQL operations of the caller through this server.
  const runAs = operationRunner(apollo, contextFor);
  app.use(
    exportRoutes({
      driver,
      database: config.database,
      schema,
      gapFields: guardedFields,
      runAs,
      before: [authenticated, rateLimit(config.fairness.ratePerMinute, logger)],
    }),
  );
  // The explorer and the query console, with their security headers; a browser's GET /graphql goes to the console.
  staticPages(app);

  let started = false;
  return {
    app,
    httpServer,
    apollo,
    contextFor,
    runAs,
    async start() {
      if (started) return;
      started = true;
      await apollo.start();
      app.use(
        '/graphql',
        ...graphqlRoute({
          apollo,
          corsOrigins: config.corsOrigins,
          authenticated,
          rateLimited: rateLimit(config.fairness.ratePerMinute, logger),
          documents,
          bookmarks: bookmarks.header,
          contextFor,
        }),
      );
      app.use(notFound);
      app.use(httpErrors(logger));
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
