import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import path from 'node:path';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { BookmarkManager, Driver } from 'neo4j-driver';
import {
  type AccessRules,
  authenticate,
  hasRole,
  isLoopbackRequest,
  jwtOf,
  optionalPrincipal,
  type Principal,
  principalOfResponse,
} from './auth';
import { accessControl } from './graphql/accessControl';
import type { Config } from './config';
import { dataVersion, type DbHealth, withAutoCommitReads } from './db';
import {
  BOOKMARK_HEADER,
  BookmarkCodec,
  bookmarkKeys,
  requestBookmarks,
  sealBookmarks,
  withBookmarks,
} from './db/bookmarks';
import { KeyedSemaphores, ownPermit, Semaphore, withSessionLimits } from './db/sessionLimits';
import { AppError, ErrorCode, errorStatus, formatError, httpErrors, sendError } from './errors';
import { argumentGuards, type GuardedField } from './graphql/argumentGuards';
import { requestDeadline } from './graphql/requestDeadline';
import { moneyNotNegative } from './graphql/money';
import { Preflight } from './graphql/preflight';
import { bookmarkHeader, bookmarksOfResponse } from './http/bookmarkHeader';
import { clientKeyOf, rateLimit } from './http/fairness';
import { exportRoutes } from './http/exportRoutes';
import { importRoutes } from './http/importRoutes';
import { jsonDepthLimit } from './http/jsonDepth';
import type { RunOperation } from './export';
import type { BackupStatusSource } from './backup/schedule';
import { createMetrics } from './http/metrics';
import { persistedDocuments } from './http/persistedDocuments';
import { explorerDocuments, mergeTrustedDocuments } from './config/trustedDocuments';
import { noStore, noStorePlugin } from './http/noStore';
import { type ListLimit, operationLimits } from './graphql/operationLimits';
import { onlyIntrospection } from './graphql/operations';
import { responseCache } from './graphql/responseCache';
import type { Logger } from './logger';
import { fromRoot } from './paths';
import { DEFAULT_MIN_CELL, DISCLOSED_FROM } from './queries/disclosure';

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

import type { RequestContext } from './context';

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
  contextFor(
    requestId: string,
    principal: Principal,
    clientKey?: string,
    bookmarks?: BookmarkManager,
    clientBookmarks?: readonly string[],
    clientRequestId?: string | null,
  ): RequestContext;
  /**
   * Runs GraphQL operations as `principal` through the whole pipeline (access, limits, guards, cache): how exports
   * read their tables, over HTTP and from `npm run export`, so that their numbers are the API's.
   */
  runAs(principal: Principal, requestId: string): RunOperation;
}

/**
 * Fails a GraphQL operation at once with DATABASE_UNAVAILABLE while Neo4j is known to be down, instead of letting
 * every resolver wait for a connection. Introspection-only operations need no database and always pass.
 */
function databaseGate(health: DbHealth): ApolloServerPlugin<RequestContext> {
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

/** Response headers a page of another origin (CORS_ORIGINS) may read: the bookmarks above all. */
const EXPOSED_HEADERS = [BOOKMARK_HEADER, 'x-cache', 'x-request-id'];

/** Every GraphQL response says the bookmarks of what it read or wrote, sealed by `codec` (src/db/bookmarks.ts). */
function bookmarkResponse(codec: BookmarkCodec): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const bookmarks = [...(await contextValue.bookmarks.getBookmarks())];
          if (bookmarks.length > 0) response.http.headers.set(BOOKMARK_HEADER, sealBookmarks(bookmarks, codec));
        },
      };
    },
  };
}

/** How long the response cache waits for the data version before it lets the query run uncached. */
const VERSION_READ_TIMEOUT_MS = 2_000;

/** Builds the Apollo server and the HTTP app around it. Never listens: index.ts does, and tests need not. */
export function createServer(deps: ServerDeps): AppServer {
  const { config, driver, schema, health, logger, accessRules, listLimits, guardedFields, onAggregatesStale } = deps;
  const limits = operationLimits<RequestContext>(config.limits, listLimits);
  // @neo4j/graphql's generated reads as single auto-commit statements (see withAutoCommitReads); writes unchanged.
  const autoCommitReadsDriver = withAutoCommitReads(driver);
  const preflight = new Preflight<RequestContext>();
  const cache = responseCache<RequestContext>({
    proceed: (context) => preflight.passed(context),
    // While the database is known to be down (databaseGate refuses the request meanwhile), no version read is
    // started; a read that hangs gives up after VERSION_READ_TIMEOUT_MS, so that later requests do not queue behind it.
    version: async () =>
      (await health.current()).ready ? dataVersion(driver, config.database, VERSION_READ_TIMEOUT_MS) : null,
    // A request with the client's bookmarks reads the version itself, on a member that has those writes; on a cluster
    // every request does, so that its query runs on a member at least as new as the version it is kept under (the
    // read's bookmark names the member's last transaction, and the request's later sessions wait for it).
    versionFor: (context) =>
      context.clientBookmarks.length === 0 && config.routing !== true
        ? undefined
        : dataVersion(driver, config.database, VERSION_READ_TIMEOUT_MS, context.bookmarks),
    maxBytes: config.responseCacheMb * 1024 * 1024,
    logger,
    // What a request may see depends on its roles only (confidential fields, map properties): requests with the same
    // roles may share answers, others never.
    partitionOf: (context) => context.principal.effectiveRoles.join(','),
  });
  // Database sessions held at once, per client across its requests (src/db/sessionLimits.ts).
  const clientSessions = new KeyedSemaphores(config.fairness.clientSessions);
  const metrics = createMetrics(() => ({ ...clientSessions.load, clients: clientSessions.size }), deps.backups);
  // x-bookmark (src/db/bookmarks.ts): tokens sealed with BOOKMARK_KEY, else a key derived from the token secret, else
  // one of this process (README, "Read-your-writes"); the wait for a client's bookmarks counts against its sessions.
  const bookmarkSettings = config.bookmarks ?? { keys: [], waitMs: 2000 };
  const bookmarkKey = bookmarkKeys(bookmarkSettings.keys, config.auth);
  if (bookmarkKey.source === 'random' && config.auth.mode === 'token') {
    logger.warn('x-bookmark tokens open on this process only: set BOOKMARK_KEY when several replicas serve the API');
  }
  const bookmarkCodec = new BookmarkCodec(bookmarkKey.keys, config.database);
  const bookmarks = bookmarkHeader({
    codec: bookmarkCodec,
    database: config.database,
    waitMs: bookmarkSettings.waitMs,
    driverFor: (req, res) =>
      withSessionLimits(
        driver,
        [clientSessions.permit(clientKeyOf(principalOfResponse(res), req))],
        config.fairness.sessionWaitMs,
      ),
    ready: async () => (await health.current()).ready,
  });
  const contextFor = (
    requestId: string,
    principal: Principal,
    clientKey = `sub:${principal.sub}`,
    bookmarks: BookmarkManager = requestBookmarks([]),
    clientBookmarks: readonly string[] = [],
    clientRequestId: string | null = null,
  ): RequestContext => ({
    executionContext: withSessionLimits(
      withBookmarks(autoCommitReadsDriver, bookmarks),
      [ownPermit(new Semaphore(config.fairness.requestSessions)), clientSessions.permit(clientKey)],
      config.fairness.sessionWaitMs,
    ),
    sessionConfig: { database: config.database },
    transaction: { timeout: config.queryTimeoutMs },
    bookmarks,
    clientBookmarks,
    ...(onAggregatesStale === undefined ? {} : { onAggregatesStale }),
    importTimeoutMs: config.imports.timeoutMs,
    requestId,
    clientRequestId,
    logger: logger.child({ reqId: requestId }),
    principal,
    jwt: jwtOf(principal),
    hiddenProperties: [...accessRules.confidentialFields]
      .filter(([, role]) => !hasRole(principal, role))
      .map(([name]) => name),
    // Below the role of the confidential value they derive from, R1–R4's small cells are suppressed.
    disclosure: hasRole(principal, accessRules.confidentialFields.get(DISCLOSED_FROM) ?? 'admin')
      ? null
      : { minCell: config.disclosureMinCell ?? DEFAULT_MIN_CELL },
  });
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
  const apollo = new ApolloServer<RequestContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // index.ts owns signal handling (drain, then close the driver); Apollo's own handler would re-raise SIGTERM.
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    // Apollo's automatic persisted queries share one cache across callers: GRAPHQL_APQ is ours, per role set.
    persistedQueries: false,
    validationRules: limits.validationRules,
    // graphql-js stops parsing past this many tokens (GRAPHQL_PARSE_FAILED): a huge document costs nothing more.
    parseOptions: { maxTokens: config.limits.maxTokens },
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
      errorStatus(),
      bookmarkResponse(bookmarkCodec),
      requestDeadline<RequestContext>(config.queryTimeoutMs),
      databaseGate(health),
      // Before the argument guards: they skip their database lookup for a request the cache answers.
      cache,
      argumentGuards(guardedFields, {
        answersFromCache: (context) => cache.answersFromCache(context),
        proceed: (context) => preflight.passed(context),
      }),
    ],
  });

  app.disable('x-powered-by');
  app.use((req, res, next) => {
    // The request id is always the server's (in logs, errors, AuditEvents and the response header): a client could
    // otherwise make two events claim one request. A client's own x-request-id is kept beside it, as its
    // correlation id, when it is a plain token.
    const header = req.headers['x-request-id'];
    const clientId = typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : null;
    const id = randomUUID();
    res.locals.requestId = id;
    res.locals.clientRequestId = clientId;
    res.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.observeHttp(req.originalUrl, res.statusCode, ms / 1000, res.locals.errorCode);
      logger.info(
        {
          reqId: id,
          clientReqId: clientId ?? undefined,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms,
        },
        'request',
      );
    });
    next();
  });

  // Cache-Control: no-store and Vary: Authorization on every answer but the static pages' files (src/http/noStore.ts).
  app.use(noStore);

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  // Readiness for anyone (a load balancer probes without a token; a bad token is ignored, never 401); the details —
  // Neo4j's version or error, the backups — only for this machine (isLoopbackRequest) or an admin token.
  const healthCaller = optionalPrincipal(config.auth);
  app.get('/health/ready', async (req, res) => {
    const status = await health.current();
    const detailed = isLoopbackRequest(req) || (await healthCaller(req))?.effectiveRoles.includes('admin') === true;
    if (!detailed) {
      if (status.ready) res.json({ status: 'ready' });
      else res.status(503).json({ status: 'unavailable' });
      return;
    }
    // Scheduled backups: their state for an operator; a failing backup does not make the API unready.
    const backups = deps.backups === undefined ? {} : { backups: deps.backups.status() };
    if (status.ready) res.json({ status: 'ready', neo4j: { version: status.version }, ...backups });
    else res.status(503).json({ status: 'unavailable', neo4j: { error: status.error }, ...backups });
  });

  // Prometheus metrics: loopback clients in local mode; with tokens, an admin's (a scraper sends a bearer token too).
  app.get('/metrics', authenticated, async (_req, res) => {
    const principal = principalOfResponse(res);
    if (principal.via !== 'local' && !hasRole(principal, 'admin')) {
      sendError(res, ErrorCode.FORBIDDEN, 'Forbidden: /metrics needs the admin role.');
      return;
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  // Spreadsheet import (editor), its templates, and undo (admin): the same code path as `npm run import`.
  app.use(
    importRoutes({
      driver,
      database: config.database,
      timeoutMs: config.imports.timeoutMs,
      maxBytes: config.imports.maxBytes,
      before: [authenticated, rateLimit(config.fairness.ratePerMinute, logger), bookmarks],
      corsOrigins: config.corsOrigins,
      ...(onAggregatesStale === undefined ? {} : { onAggregatesStale }),
    }),
  );

  // Exports of gap lists and the review (planner), run as GraphQL operations of the caller through this server.
  const runAs =
    (principal: Principal, requestId: string): RunOperation =>
    async (query, variables) => {
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: contextFor(requestId, principal) },
      );
      if (response.body.kind !== 'single') throw new Error('export: an operation answered incrementally');
      return response.body.singleResult;
    };
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

  /**
   * A page of public/<name> at /<name>/ (a bare /<name> is redirected: its relative asset URLs need the slash), with
   * its third-party scripts at /<name>/vendor/<file> from our own npm dependencies (no CDN), by a fixed name → file
   * map (own keys only: `constructor` or `__proto__` name no file). Same-origin everything, never in a frame;
   * `dataFonts` for a stylesheet that inlines its fonts as data: URLs.
   */
  const servePage = (name: string, vendor: Record<string, string>, dataFonts = false): void => {
    const policy = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      ...(dataFonts ? ["font-src 'self' data:"] : []),
      "connect-src 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    const headers = (_req: express.Request, res: express.Response, next: express.NextFunction): void => {
      res.setHeader('Content-Security-Policy', policy);
      // Static files, the same for everyone: express.static's own Cache-Control instead of no-store.
      res.removeHeader('Cache-Control');
      next();
    };
    app.get(`/${name}`, (req, res, next) => {
      if (req.originalUrl === `/${name}`) res.redirect(301, `/${name}/`);
      else next();
    });
    app.get(`/${name}/vendor/:file`, headers, (req, res, next) => {
      const file = String(req.params.file);
      if (Object.hasOwn(vendor, file)) res.sendFile(vendor[file] as string);
      else next();
    });
    app.use(`/${name}`, headers, express.static(fromRoot('public', name), { index: 'index.html' }));
  };
  const packageFile = (pkg: string, file: string) =>
    path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  // The map explorer, with Cytoscape.js.
  servePage('explorer', { 'cytoscape.min.js': require.resolve('cytoscape/dist/cytoscape.min.js') });
  // The query console: GraphiQL 3 and React 18 as UMD files (no build step); GraphiQL's CSS inlines its fonts.
  servePage(
    'graphiql',
    {
      'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
      'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
      'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
      'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
    },
    true,
  );
  // A browser opening /graphql (a GET for HTML, no query) gets the console instead of a CSRF error.
  app.get('/graphql', (req, res, next) => {
    res.vary('Accept');
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.redirect(302, '/graphiql/');
    } else next();
  });

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
        // Same origin only unless CORS_ORIGINS names others; a preflight is answered before authentication (it
        // carries no credentials), and a refused origin gets no CORS headers, so the browser withholds the answer.
        cors<cors.CorsRequest>({ origin: config.corsOrigins, maxAge: 600, exposedHeaders: EXPOSED_HEADERS }),
        authenticated,
        rateLimit(config.fairness.ratePerMinute, logger),
        express.json({ limit: '1mb' }),
        // Before the bookmark wait: an operation that may not run is refused before any database call.
        documents,
        bookmarks,
        // JSON nested past what the recursive reading of variables survives: 400 naming the part, never a 500.
        jsonDepthLimit(),
        expressMiddleware(apollo, {
          context: async ({ req, res }) => {
            const principal = principalOfResponse(res);
            return contextFor(
              String(res.locals.requestId),
              principal,
              clientKeyOf(principal, req),
              bookmarksOfResponse(res),
              res.locals.clientBookmarks as string[],
              res.locals.clientRequestId as string | null,
            );
          },
        }),
      );
      app.use((_req, res) => {
        res.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: ErrorCode.NOT_FOUND } }] });
      });
      app.use(httpErrors(logger));
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
