import type { RequestHandler } from 'express';
import type { Driver } from 'neo4j-driver';
import { principalOfResponse } from '../auth';
import type { Config } from '../config';
import { BookmarkCodec, bookmarkKeys, type DbHealth, type KeyedSemaphores, withSessionLimits } from '../db';
import type { Logger } from '../logger';
import { bookmarkHeader } from './bookmarkHeader';
import { clientKeyOf } from './fairness';

export interface BookmarkTokensOptions {
  config: Pick<Config, 'database' | 'auth' | 'fairness'> & Partial<Pick<Config, 'bookmarks'>>;
  driver: Driver;
  /** Database sessions held at once, per client: the wait for a client's bookmarks counts against its own. */
  clientSessions: KeyedSemaphores;
  health: DbHealth;
  logger: Logger;
}

/**
 * `x-bookmark` (src/db/bookmarks.ts): the codec that seals and opens its tokens — with BOOKMARK_KEY, else a key
 * derived from the token secret, else one of this process (README, "Read-your-writes") — and the middleware that
 * waits for a client's bookmarks, its wait counted against the client's sessions.
 */
export function bookmarkTokens(options: BookmarkTokensOptions): { codec: BookmarkCodec; header: RequestHandler } {
  const { config, driver, clientSessions, health, logger } = options;
  const settings = config.bookmarks ?? { keys: [], waitMs: 2000 };
  const key = bookmarkKeys(settings.keys, config.auth);
  if (key.source === 'random' && config.auth.mode === 'token') {
    logger.warn('x-bookmark tokens open on this process only: set BOOKMARK_KEY when several replicas serve the API');
  }
  const codec = new BookmarkCodec(key.keys, config.database);
  const header = bookmarkHeader({
    codec,
    database: config.database,
    waitMs: settings.waitMs,
    driverFor: (req, res) =>
      withSessionLimits(
        driver,
        [clientSessions.permit(clientKeyOf(principalOfResponse(res), req))],
        config.fairness.sessionWaitMs,
      ),
    ready: async () => (await health.current()).ready,
  });
  return { codec, header };
}
