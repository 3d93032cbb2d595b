import { buildSchema } from './graphql';
import { prepareDatabaseWithRetry } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createDriver, DbHealth, LocalNeo4jError, portIsOpen, resolveTarget } from './db';
import { createLogger } from './logger';
import { AggregateKeeper } from './aggregates';
import { BackupSchedule } from './backup';
import { createServer } from './server';

/** The only module with side effects: config, Neo4j, driver, server, listen, and a clean shutdown. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, config.logFormat);

  // Check the HTTP port before starting anything, so a busy port leaves nothing half-started behind.
  if (config.port !== 0 && (await portIsOpen(config.port, config.host === '0.0.0.0' ? '127.0.0.1' : config.host))) {
    logger.fatal(`port ${config.port} is already in use: stop what holds it or set PORT to another port`);
    process.exit(1);
  }

  let target;
  try {
    target = await resolveTarget(config.neo4j, logger);
  } catch (error) {
    if (error instanceof LocalNeo4jError) {
      logger.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }

  const driver = createDriver(target);
  const { schema, neo4jGraphQL, accessRules, listLimits, guardedFields } = await buildSchema(driver);
  // The readiness probe has its own connections: requests that fill the main pool must not make a healthy database
  // look down to a load balancer.
  const healthDriver = createDriver({ ...target, maxConnectionPoolSize: 2 });
  const health = new DbHealth(healthDriver, config.database);
  health.setPrepared(false);
  health.start();
  // Rebuilds of the maintained aggregates run in the background, never in a request (src/aggregates/backgroundRebuild.ts).
  const aggregates = new AggregateKeeper(driver, config.database, logger);
  // Scheduled backups (BACKUP_DIR), in the background once the database is prepared.
  const backups =
    config.backups === null ? undefined : new BackupSchedule(driver, config.database, config.backups, logger);
  const server = createServer({
    config,
    driver,
    schema,
    health,
    logger,
    accessRules,
    listLimits,
    guardedFields,
    onAggregatesStale: () => aggregates.request(),
    ...(backups === undefined ? {} : { backups }),
  });
  await server.start();
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(config.port, config.host, resolve);
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const access =
    config.auth.mode === 'local'
      ? `local mode: loopback clients only, as ${config.auth.localRole}`
      : `bearer tokens (${config.auth.key.kind === 'secret' ? 'AUTH_JWT_SECRET' : 'AUTH_JWKS_URL'})`;
  logger.info({ url: `http://${config.host}:${port}/graphql`, neo4j: target.uri, access }, 'API listening');

  const preparing = new AbortController();
  prepareDatabaseWithRetry(
    { driver, database: config.database, neo4jGraphQL, seedOnEmpty: config.seedOnEmpty, logger },
    preparing.signal,
  )
    .then((ok) => {
      if (!ok) return;
      health.setPrepared(true);
      void health.check();
      void backups?.start();
      void aggregates
        .ensure()
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'maintained aggregates: state unreadable; reads stay live'),
        );
      // One line that says where everything is (a newcomer's first question).
      const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
      logger.info(
        `ready: API ${base}/graphql · explorer ${base}/explorer · dashboard ${base}/dashboard · query console ${base}/graphiql`,
      );
    })
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'the database cannot be prepared; fix the cause and restart');
      void shutdown('prepare-failed', 1);
    });

  let stopping = false;
  async function shutdown(reason: string, code = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down: draining requests');
    preparing.abort();
    aggregates.stop();
    backups?.stop();
    health.stop();
    const force = setTimeout(() => process.exit(code || 1), 15_000);
    force.unref();
    await server.stop();
    await driver.close();
    await healthDriver.close();
    logger.info('stopped');
    process.exit(code);
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('fatal:', error);
  process.exit(1);
});
