import type { BookmarkManager, Driver } from 'neo4j-driver';
import type { jwtOf, Principal } from './auth';
import type { Logger } from './logger';

/** What every resolver receives; the @neo4j/graphql keys tell it which driver, database and timeout to use. */
export interface RequestContext {
  executionContext: Driver;
  sessionConfig: { database: string };
  transaction: { timeout: number };
  /** The request's bookmarks: the client's (`x-bookmark`) and those of its own work, sent back (src/db/bookmarks.ts). */
  bookmarks: BookmarkManager;
  /** Neo4j's bookmarks in the `x-bookmark` tokens the client sent (empty without the header). */
  clientBookmarks: readonly string[];
  /** Called when a write marked the maintained aggregates stale (src/aggregates/backgroundRebuild.ts rebuilds them). */
  onAggregatesStale?: () => void;
  /**
   * Called before the answer is sent with its status as application/graphql-response+json has it (200, or its error's:
   * 400, 403 …), whatever type it is written in (src/errors/errorStatus.ts): GRAPHQL_APQ registers a text only when it
   * was answered 200 (src/http/persistedDocuments.ts). Set by the HTTP route when something waits for it.
   */
  onAnswered?: (status: number) => void;
  /** The transaction timeout of an import or undo (IMPORT_TIMEOUT_MS): a whole batch, not a query. */
  importTimeoutMs: number;
  /** The server's id of the request (always made by the server). */
  requestId: string;
  /** The `x-request-id` the client sent, kept as its correlation id; null when it sent none (or not a plain token). */
  clientRequestId: string | null;
  logger: Logger;
  /** Who sends the request (src/auth/authenticate.ts established it before the operation was parsed). */
  principal: Principal;
  /** The principal as @neo4j/graphql evaluates its rules (it trusts this value: never built from client input). */
  jwt: ReturnType<typeof jwtOf>;
  /** Confidential field names the principal's roles do not reach: maps never read these properties out. */
  hiddenProperties: readonly string[];
  /**
   * Small-cell protection of the figures derived from confidential values (src/queries/disclosure.ts): the least
   * cell for a principal below the confidential fields' role; null when the principal sees every cell.
   */
  disclosure: { minCell: number } | null;
}
