import type { Neo4jGraphQL } from '@neo4j/graphql';
import { type Driver, Neo4jError } from 'neo4j-driver';
import { databaseIsEmpty, loadSeed } from '../seed/loadSeed';
import { catchUpOrRebuild } from './aggregates';
import { ensureChangeCapture, migrate } from './db';
import type { Logger } from './logger';

export interface BootstrapOptions {
  driver: Driver;
  database: string;
  neo4jGraphQL: Neo4jGraphQL;
  seedOnEmpty: boolean;
  logger: Logger;
}

/**
 * Makes the database ready for the API: checks the version and APOC functions @neo4j/graphql needs, applies
 * migrations, loads the demo data into an empty database and builds its maintained aggregates, then installs the
 * change-history trigger. Every step is idempotent, so it is safe to repeat after a failure and from several API
 * replicas.
 *
 * The trigger comes last because APOC hands it every created node's and property's change in each transaction, even
 * when the statement then records nothing (the demo load and the rebuild are not history): with it installed, the
 * load took 1.7 times and the rebuild 1.4 times the Neo4j CPU time. Until it is installed, /health/ready is 503; a
 * write made meanwhile keeps its AuditEvent but has no Change rows.
 */
export async function prepareDatabase({ driver, database, neo4jGraphQL, seedOnEmpty, logger }: BootstrapOptions) {
  await neo4jGraphQL.checkNeo4jCompat({ driver, sessionConfig: { database } });
  const applied = await migrate(driver, database, undefined, { changeCapture: false });
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (seedOnEmpty && (await databaseIsEmpty(driver, database))) {
    logger.info('empty database: loading the demo city (about half a minute)');
    // A line every 10 %: a person watching the console sees the load move, a log collector gets ten lines.
    let shown = 0;
    const summary = await loadSeed(driver, database, {
      progress: (done, total) => {
        const percent = Math.floor((done / total) * 10) * 10;
        if (percent <= shown || percent >= 100) return;
        shown = percent;
        logger.info({ done, total }, `demo data ${percent} %`);
      },
    });
    logger.info(summary, 'empty database: demo data loaded');
    // Built here, before ready, rather than by the keeper afterwards: a first start is ready when its metrics read
    // the maintained counters, and without the trigger installed yet the rebuild is cheaper too.
    logger.info({ reason: 'demo data loaded' }, 'maintained aggregates: building them');
    const outcome = await catchUpOrRebuild(driver, database);
    logger.info(outcome, outcome.ready ? 'maintained aggregates: ready' : 'maintained aggregates: not done here');
  }
  await ensureChangeCapture(driver, database);
}

/** True for errors that go away when the database comes back (not for a bad migration or a missing APOC). */
function isTransient(error: unknown): boolean {
  if (error instanceof Neo4jError) {
    return ['ServiceUnavailable', 'SessionExpired'].includes(error.code) || error.code.startsWith('Neo.TransientError');
  }
  return false;
}

/**
 * Retries prepareDatabase while the database is unreachable, until it succeeds or `signal` aborts; the API serves
 * (not ready) meanwhile. A non-transient failure is thrown: the operator must fix it.
 */
export async function prepareDatabaseWithRetry(options: BootstrapOptions, signal: AbortSignal): Promise<boolean> {
  let delay = 500;
  while (!signal.aborted) {
    try {
      await prepareDatabase(options);
      return true;
    } catch (error) {
      if (!isTransient(error)) throw error;
      options.logger.warn({ err: error, retryInMs: delay }, 'database not ready yet');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
  return false;
}
