import { isLoopbackHost } from '../lib';
import { type AuthConfig, authConfig, MIN_SECRET_BYTES } from './auth';
import { type Environment, readSettings, settingText } from './setting';
import { type LogLevel, SETTINGS } from './settings';
import type { TrustedDocuments } from './trustedDocuments';

export type { AuthConfig, TokenKey } from './auth';
export type { LogLevel } from './settings';

/** Where the API finds Neo4j: a URI it was given, or the project's own local launcher. */
export type Neo4jTarget =
  | { kind: 'remote'; uri: string; user: string; password: string }
  | {
      kind: 'local';
      port: number;
      dataDir: string;
      heapMb: number;
      pageCacheMb: number;
      txTimeoutSeconds: number;
    };

/** Bounds every GraphQL operation must keep before it runs (src/graphql/operationLimits.ts). */
export interface OperationLimits {
  /** Nesting of selections (the root field is depth 1). */
  maxDepth: number;
  /** Aliased fields in one operation. */
  maxAliases: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** Lexical tokens in the document. */
  maxTokens: number;
  /** Estimated values returned: each field counts 1, times the list sizes it is nested in; plus filter hops. */
  maxCost: number;
  /** Relationship filters (`some`, `all`, `none`, `single`, `aggregate`) nested in one another in a `where`. */
  maxFilterDepth: number;
  /** What one relationship-filter hop adds to the cost, times what is nested in it (the related nodes it expands). */
  filterHopCost: number;
}

/** How much of the database and of the API one client may use (src/http/fairness.ts, src/db/sessionLimits.ts). */
export interface FairnessLimits {
  /** Requests one client (token subject, else address) may send per minute; 0 = no limit. */
  ratePerMinute: number;
  /** Database sessions one request may hold at once. */
  requestSessions: number;
  /** Database sessions one client may hold at once, across its requests. */
  clientSessions: number;
  /** How long a request waits for a session before it is refused (RATE_LIMITED). */
  sessionWaitMs: number;
}

/** Backups the API process writes on a schedule (src/backup/schedule.ts); null when BACKUP_DIR is unset. */
export interface BackupScheduleConfig {
  /** Where the backups go (an absolute path). */
  dir: string;
  intervalMinutes: number;
  /** How many of its backups to keep in `dir`; older ones are deleted. */
  keep: number;
}

/** Read-your-writes tokens (`x-bookmark`, src/db/bookmarks.ts). */
export interface BookmarkSettings {
  /** BOOKMARK_KEY: 32-byte keys, the first seals, all open; empty = derived from AUTH_JWT_SECRET, else random. */
  keys: Uint8Array[];
  /** BOOKMARK_WAIT_MS: how long a request waits for the database to reach the client's bookmarks. */
  waitMs: number;
}

export interface Config {
  host: string;
  port: number;
  logLevel: LogLevel;
  /** `pretty`: readable lines (a person at a terminal); `json`: one JSON object a line (collectors); `auto`: pretty on a terminal. */
  logFormat: 'auto' | 'pretty' | 'json';
  production: boolean;
  neo4j: Neo4jTarget;
  database: string;
  /** Upper bound for one database transaction started by the API. */
  queryTimeoutMs: number;
  /** Load the demo data at start when the database holds no domain node. */
  seedOnEmpty: boolean;
  /** Spreadsheet imports (src/import/): the largest file `POST /import` accepts, and an import's transaction timeout. */
  imports: { maxBytes: number; timeoutMs: number };
  /** Memory for answers served again while the data is unchanged (src/graphql/responseCache.ts); 0 = off. */
  responseCacheMb: number;
  /** NEO4J_URI is a routing URI (neo4j://, neo4j+s://): a cluster, whose members may be at different points. */
  routing: boolean;
  auth: AuthConfig;
  /** Origins whose web pages may call the API from a browser (CORS); empty = same origin only. */
  corsOrigins: string[];
  limits: OperationLimits;
  fairness: FairnessLimits;
  /** Whether GraphQL introspection is answered (off by default with NODE_ENV=production). */
  introspection: boolean;
  /** TRUSTED_DOCUMENTS: the operations callers below admin may run, read from the manifest at start; null = any text. */
  trustedDocuments: TrustedDocuments | null;
  /** GRAPHQL_APQ: automatic persisted queries, kept per role set (off by default). */
  apq: boolean;
  bookmarks: BookmarkSettings;
  backups: BackupScheduleConfig | null;
  /**
   * DISCLOSURE_MIN_CELL: the least number of enterprises on each side of a revenue threshold, per public group, for a
   * cell of R1–R4 to be shown below the planner role (src/queries/disclosure.ts).
   */
  disclosureMinCell: number;
}

/** Thrown by loadConfig with every problem found, so a user fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates every setting once, at start (the table: src/config/settings.ts). `process.env` is read
 * nowhere else.
 * @throws ConfigError listing each invalid setting with its value and the accepted form.
 */
export function loadConfig(env: Environment = process.env): Config {
  const { values, problems } = readSettings(SETTINGS, env);
  const text = settingText(env);
  const auth = authConfig(values, text, problems);
  if (auth.mode === 'local' && !isLoopbackHost(values.HOST)) {
    problems.push(
      `HOST=${values.HOST} accepts connections from other machines, but no authentication is configured: set ` +
        `AUTH_JWT_SECRET (at least ${MIN_SECRET_BYTES} bytes) or AUTH_JWKS_URL (README, "Access"), or listen on 127.0.0.1`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const uri = values.NEO4J_URI;
  const neo4j: Neo4jTarget =
    uri !== undefined
      ? { kind: 'remote', uri, user: values.NEO4J_USER, password: values.NEO4J_PASSWORD }
      : {
          kind: 'local',
          port: values.NEO4J_LOCAL_PORT,
          dataDir: values.NEO4J_LOCAL_DATA_DIR,
          heapMb: values.NEO4J_LOCAL_HEAP_MB,
          pageCacheMb: values.NEO4J_LOCAL_PAGECACHE_MB,
          txTimeoutSeconds: values.NEO4J_LOCAL_TX_TIMEOUT_S,
        };
  const production = env.NODE_ENV === 'production';
  return {
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
    production,
    neo4j,
    database: values.NEO4J_DATABASE,
    queryTimeoutMs: values.QUERY_TIMEOUT_MS,
    imports: { maxBytes: values.IMPORT_MAX_MB * 1_048_576, timeoutMs: values.IMPORT_TIMEOUT_MS },
    seedOnEmpty: values.SEED_ON_EMPTY,
    responseCacheMb: values.RESPONSE_CACHE_MB,
    // Behind a routing driver (a cluster) reads may reach members at different points: the response cache then reads
    // the data version per request, chained by bookmarks to the query (src/server.ts, src/db/bookmarks.ts).
    routing: uri?.startsWith('neo4j') ?? false,
    auth,
    corsOrigins: values.CORS_ORIGINS ?? [],
    limits: {
      maxDepth: values.MAX_QUERY_DEPTH,
      maxAliases: values.MAX_QUERY_ALIASES,
      maxDirectives: values.MAX_QUERY_DIRECTIVES,
      maxTokens: values.MAX_QUERY_TOKENS,
      maxCost: values.MAX_QUERY_COST,
      maxFilterDepth: values.MAX_FILTER_DEPTH,
      filterHopCost: values.FILTER_HOP_COST,
    },
    fairness: {
      ratePerMinute: values.RATE_LIMIT_PER_MINUTE,
      requestSessions: values.REQUEST_DB_SESSIONS,
      clientSessions: values.CLIENT_DB_SESSIONS,
      sessionWaitMs: values.DB_SESSION_WAIT_MS,
    },
    introspection: values.GRAPHQL_INTROSPECTION ?? !production,
    trustedDocuments: values.TRUSTED_DOCUMENTS ?? null,
    apq: values.GRAPHQL_APQ,
    bookmarks: { keys: values.BOOKMARK_KEY ?? [], waitMs: values.BOOKMARK_WAIT_MS },
    backups:
      values.BACKUP_DIR === undefined
        ? null
        : { dir: values.BACKUP_DIR, intervalMinutes: values.BACKUP_INTERVAL_MINUTES, keep: values.BACKUP_KEEP },
    disclosureMinCell: values.DISCLOSURE_MIN_CELL,
  };
}
