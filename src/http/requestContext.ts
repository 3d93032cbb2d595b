import type { BookmarkManager, Driver } from 'neo4j-driver';
import { type AccessRules, hasRole, jwtOf, type Principal } from '../auth';
import type { Config } from '../config';
import type { RequestContext } from '../context';
import {
  type KeyedSemaphores,
  ownPermit,
  requestBookmarks,
  Semaphore,
  withAutoCommitReads,
  withBookmarks,
  withSessionLimits,
} from '../db';
import type { Logger } from '../logger';
import { DEFAULT_MIN_CELL, DISCLOSED_FROM } from '../queries';

/**
 * The context every GraphQL operation of a request runs with; `clientKey` names whose database sessions it counts
 * against (default: the principal's).
 */
export type ContextFor = (
  requestId: string,
  principal: Principal,
  clientKey?: string,
  bookmarks?: BookmarkManager,
  clientBookmarks?: readonly string[],
  clientRequestId?: string | null,
) => RequestContext;

export interface RequestContextOptions {
  config: Pick<Config, 'database' | 'queryTimeoutMs' | 'imports' | 'fairness'> &
    Partial<Pick<Config, 'disclosureMinCell'>>;
  driver: Driver;
  /** Database sessions held at once, per client across its requests (src/db/sessionLimits.ts). */
  clientSessions: KeyedSemaphores;
  accessRules: AccessRules;
  logger: Logger;
  onAggregatesStale?: () => void;
}

/** How the server makes a request's context: the driver it runs on (session limits, bookmarks), who asks, what it may see. */
export function requestContexts(options: RequestContextOptions): ContextFor {
  const { config, clientSessions, accessRules, logger, onAggregatesStale } = options;
  // @neo4j/graphql's generated reads as single auto-commit statements (see withAutoCommitReads); writes unchanged.
  const autoCommitReadsDriver = withAutoCommitReads(options.driver);
  return (
    requestId,
    principal,
    clientKey = `sub:${principal.sub}`,
    bookmarks = requestBookmarks([]),
    clientBookmarks = [],
    clientRequestId = null,
  ) => ({
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
}
