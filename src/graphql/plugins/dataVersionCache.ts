import type { Driver } from 'neo4j-driver';
import type { Config } from '../../config';
import type { RequestContext } from '../../context';
import { dataVersion, type DbHealth } from '../../db';
import type { Logger } from '../../logger';
import { responseCache, type ResponseCachePlugin } from '../responseCache';

/** How long the response cache waits for the data version before it lets the query run uncached. */
const VERSION_READ_TIMEOUT_MS = 2_000;

export interface DataVersionCacheOptions {
  /** `routing`: a cluster, where every request reads the version on the member it runs on. */
  config: Pick<Config, 'database' | 'responseCacheMb'> & Partial<Pick<Config, 'routing'>>;
  driver: Driver;
  health: DbHealth;
  logger: Logger;
  /** Whether the request passed the checks that may refuse it (Preflight): only then is the cache consulted. */
  proceed: (context: RequestContext) => Promise<boolean>;
}

/**
 * The response cache (src/graphql/responseCache.ts) keyed on the data version Neo4j keeps, answers shared between
 * requests of the same roles only.
 */
export function dataVersionCache(options: DataVersionCacheOptions): ResponseCachePlugin<RequestContext> {
  const { config, driver, health } = options;
  const { database } = config;
  return responseCache<RequestContext>({
    proceed: options.proceed,
    // While the database is known to be down (databaseGate refuses the request meanwhile), no version read is
    // started; a read that hangs gives up after VERSION_READ_TIMEOUT_MS, so that later requests do not queue behind it.
    version: async () =>
      (await health.current()).ready ? dataVersion(driver, database, VERSION_READ_TIMEOUT_MS) : null,
    // A request with the client's bookmarks reads the version itself, on a member that has those writes; on a cluster
    // every request does, so that its query runs on a member at least as new as the version it is kept under (the
    // read's bookmark names the member's last transaction, and the request's later sessions wait for it).
    versionFor: (context) =>
      context.clientBookmarks.length === 0 && config.routing !== true
        ? undefined
        : dataVersion(driver, database, VERSION_READ_TIMEOUT_MS, context.bookmarks),
    maxBytes: config.responseCacheMb * 1024 * 1024,
    logger: options.logger,
    // What a request may see depends on its roles only (confidential fields, map properties): requests with the same
    // roles may share answers, others never.
    partitionOf: (context) => context.principal.effectiveRoles.join(','),
  });
}
