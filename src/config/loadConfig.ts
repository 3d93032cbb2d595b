import path from 'node:path';
import { durationSeconds } from '../lib/duration';
import { isLoopbackHost } from '../lib/loopback';
import { isRole, ROLES, type Role } from '../domain/roles';
import { readTrustedDocuments, type TrustedDocuments } from './trustedDocuments';
import { fromRoot } from '../paths';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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

/** Where a token's key comes from: a shared HS256 secret, or an identity provider's key set (JWKS). */
export type TokenKey = { kind: 'secret'; secret: Uint8Array } | { kind: 'jwks'; url: URL };

/**
 * How requests are authenticated (README, "Access"). `local`: no authentication configured; the API serves loopback
 * clients only, each as `localRole`. `token`: a JWT bearer token on every request, or `anonymousRole` without one.
 */
export type AuthConfig =
  | { mode: 'local'; localRole: Role }
  | {
      mode: 'token';
      key: TokenKey;
      issuer?: string;
      audience?: string;
      /** The path of the roles claim in the token's payload, e.g. ['realm_access', 'roles']. */
      rolesClaim: string[];
      anonymousRole?: Role;
      /** AUTH_MAX_TOKEN_AGE: the longest lifetime (`exp − iat`, in seconds) a token may have; 24 h when unset. */
      maxTokenAgeSeconds?: number;
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

/** The smallest HS256 secret accepted, in bytes (RFC 7518 §3.2: a key at least as long as the hash). */
export const MIN_SECRET_BYTES = 32;

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

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const URI_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];

type Env = Record<string, string | undefined>;

/**
 * Reads and validates every setting once, at start. `process.env` is read nowhere else.
 * @throws ConfigError listing each invalid setting with its value and the accepted form.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}=${raw} is not a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}=${raw} is not a boolean (true or false)`);
    return fallback;
  };

  const port = int('PORT', 4000, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';
  const logLevelRaw = read('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    problems.push(`LOG_LEVEL=${logLevelRaw} is not one of ${LOG_LEVELS.join(', ')}`);
  }
  const logFormat = read('LOG_FORMAT') ?? 'auto';
  if (!['auto', 'pretty', 'json'].includes(logFormat)) {
    problems.push(`LOG_FORMAT=${logFormat} is not one of auto, pretty, json`);
  }
  const database = read('NEO4J_DATABASE') ?? 'neo4j';
  if (!/^[A-Za-z][A-Za-z0-9.-]{2,62}$/.test(database)) {
    problems.push(`NEO4J_DATABASE=${database} is not a valid database name (3-63 letters, digits, dots, dashes)`);
  }
  const queryTimeoutMs = int('QUERY_TIMEOUT_MS', 10_000, 100, 600_000);
  const imports = {
    maxBytes: int('IMPORT_MAX_MB', 20, 1, 500) * 1_048_576,
    timeoutMs: int('IMPORT_TIMEOUT_MS', 600_000, 1_000, 3_600_000),
  };
  const seedOnEmpty = bool('SEED_ON_EMPTY', true);

  let neo4j: Neo4jTarget;
  const uri = read('NEO4J_URI');
  if (uri !== undefined) {
    const scheme = uri.split('://')[0] ?? '';
    if (!uri.includes('://') || !URI_SCHEMES.includes(scheme)) {
      problems.push(`NEO4J_URI=${uri} must start with one of ${URI_SCHEMES.map((s) => `${s}://`).join(', ')}`);
    }
    neo4j = { kind: 'remote', uri, user: read('NEO4J_USER') ?? 'neo4j', password: env.NEO4J_PASSWORD ?? '' };
  } else {
    neo4j = {
      kind: 'local',
      port: int('NEO4J_LOCAL_PORT', 7687, 1, 65535),
      dataDir: path.resolve(read('NEO4J_LOCAL_DATA_DIR') ?? fromRoot('.neo4j', 'data')),
      heapMb: int('NEO4J_LOCAL_HEAP_MB', 1024, 256, 65536),
      pageCacheMb: int('NEO4J_LOCAL_PAGECACHE_MB', 512, 16, 65536),
      txTimeoutSeconds: int('NEO4J_LOCAL_TX_TIMEOUT_S', 60, 1, 86400),
    };
  }

  // Behind a routing driver (a cluster) reads may reach members at different points: the response cache then reads
  // the data version per request, chained by bookmarks to the query (src/server.ts, src/db/bookmarks.ts).
  const routing = neo4j.kind === 'remote' && neo4j.uri.startsWith('neo4j');
  const responseCacheMb = int('RESPONSE_CACHE_MB', 64, 0, 16_384);

  const auth = authConfig(read, problems);
  if (auth.mode === 'local' && !isLoopbackHost(host)) {
    problems.push(
      `HOST=${host} accepts connections from other machines, but no authentication is configured: set ` +
        `AUTH_JWT_SECRET (at least ${MIN_SECRET_BYTES} bytes) or AUTH_JWKS_URL (README, "Access"), or listen on 127.0.0.1`,
    );
  }
  const corsOrigins = originList(read('CORS_ORIGINS'), problems);
  const introspection = bool('GRAPHQL_INTROSPECTION', env.NODE_ENV !== 'production');
  const trustedDocuments = trustedDocumentsSetting(read('TRUSTED_DOCUMENTS'), problems);
  const apq = bool('GRAPHQL_APQ', false);
  const fairness: FairnessLimits = {
    ratePerMinute: int('RATE_LIMIT_PER_MINUTE', 3000, 0, 10_000_000),
    requestSessions: int('REQUEST_DB_SESSIONS', 4, 1, 100),
    clientSessions: int('CLIENT_DB_SESSIONS', 12, 1, 1000),
    sessionWaitMs: int('DB_SESSION_WAIT_MS', 5000, 100, 600_000),
  };
  const limits: OperationLimits = {
    maxDepth: int('MAX_QUERY_DEPTH', 10, 2, 100),
    maxAliases: int('MAX_QUERY_ALIASES', 15, 0, 1000),
    maxDirectives: int('MAX_QUERY_DIRECTIVES', 50, 0, 1000),
    maxTokens: int('MAX_QUERY_TOKENS', 2000, 100, 100_000),
    maxCost: int('MAX_QUERY_COST', 250_000, 100, 100_000_000),
    maxFilterDepth: int('MAX_FILTER_DEPTH', 2, 0, 20),
    filterHopCost: int('FILTER_HOP_COST', 50, 1, 1_000_000),
  };

  const backups = backupSchedule(read, int, problems);
  const disclosureMinCell = int('DISCLOSURE_MIN_CELL', 3, 1, 1000);
  const bookmarks: BookmarkSettings = {
    keys: bookmarkKeySetting(read('BOOKMARK_KEY'), problems),
    waitMs: int('BOOKMARK_WAIT_MS', 2000, 100, 60_000),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host,
    port,
    logLevel: logLevelRaw as LogLevel,
    logFormat: logFormat as Config['logFormat'],
    production: env.NODE_ENV === 'production',
    neo4j,
    database,
    queryTimeoutMs,
    imports,
    seedOnEmpty,
    responseCacheMb,
    routing,
    auth,
    corsOrigins,
    limits,
    fairness,
    introspection,
    trustedDocuments,
    apq,
    bookmarks,
    backups,
    disclosureMinCell,
  };
}

/**
 * BOOKMARK_KEY: one or more comma-separated keys of 32 bytes, each as 64 hex digits or in base64 (e.g. the output of
 * `openssl rand -base64 32`); a key is never printed, it is a secret.
 */
function bookmarkKeySetting(raw: string | undefined, problems: string[]): Uint8Array[] {
  if (raw === undefined) return [];
  const keys: Uint8Array[] = [];
  const items = raw.split(',').map((k) => k.trim());
  for (const [i, item] of items.entries()) {
    const bytes = /^[0-9a-fA-F]{64}$/.test(item)
      ? Buffer.from(item, 'hex')
      : /^[A-Za-z0-9+/_-]{43}=?$/.test(item)
        ? Buffer.from(item, 'base64')
        : null;
    if (bytes?.length === 32) keys.push(new Uint8Array(bytes));
    else {
      problems.push(
        `BOOKMARK_KEY: key ${i + 1} is not 32 bytes as 64 hex digits or base64 (e.g. the output of \`openssl rand -base64 32\`)`,
      );
    }
  }
  return keys;
}

/** TRUSTED_DOCUMENTS: the manifest's path; the file is read and checked now, each bad entry a problem. */
function trustedDocumentsSetting(file: string | undefined, problems: string[]): TrustedDocuments | null {
  if (file === undefined) return null;
  const read = readTrustedDocuments(path.resolve(file));
  problems.push(...read.problems.map((p) => `TRUSTED_DOCUMENTS=${p}`));
  return read.documents;
}

/** BACKUP_DIR turns scheduled backups on; the interval and the number kept are checked only with it. */
function backupSchedule(
  read: (name: string) => string | undefined,
  int: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): BackupScheduleConfig | null {
  const dir = read('BACKUP_DIR');
  if (dir === undefined) {
    for (const name of ['BACKUP_INTERVAL_MINUTES', 'BACKUP_KEEP']) {
      if (read(name) !== undefined)
        problems.push(`${name} is set but BACKUP_DIR is not: set BACKUP_DIR to turn scheduled backups on`);
    }
    return null;
  }
  return {
    dir: path.resolve(dir),
    intervalMinutes: int('BACKUP_INTERVAL_MINUTES', 1440, 5, 10_080),
    keep: int('BACKUP_KEEP', 7, 1, 1000),
  };
}

const ROLE_LIST = ROLES.join(', ');

/** The largest AUTH_MAX_TOKEN_AGE: 366 days, as `npm run token --ttl`. */
const MAX_TOKEN_AGE_LIMIT = 366 * 86_400;

function roleSetting(read: (name: string) => string | undefined, name: string, problems: string[]): Role | undefined {
  const raw = read(name);
  if (raw === undefined) return undefined;
  if (isRole(raw)) return raw;
  problems.push(`${name}=${raw} is not a role; the roles are ${ROLE_LIST}`);
  return undefined;
}

/** The AUTH_* settings: local mode unless a secret or a key set URL is given (never both). */
function authConfig(read: (name: string) => string | undefined, problems: string[]): AuthConfig {
  const secret = read('AUTH_JWT_SECRET');
  const jwksUrl = read('AUTH_JWKS_URL');
  const issuer = read('AUTH_JWT_ISSUER');
  const audience = read('AUTH_JWT_AUDIENCE');
  const rolesClaimRaw = read('AUTH_ROLES_CLAIM') ?? 'roles';
  const localRole = roleSetting(read, 'AUTH_LOCAL_ROLE', problems) ?? 'planner';
  const anonymousRole = roleSetting(read, 'AUTH_ANONYMOUS_ROLE', problems);
  if (secret === undefined && jwksUrl === undefined) {
    for (const name of [
      'AUTH_JWT_ISSUER',
      'AUTH_JWT_AUDIENCE',
      'AUTH_ROLES_CLAIM',
      'AUTH_ANONYMOUS_ROLE',
      'AUTH_MAX_TOKEN_AGE',
    ]) {
      if (read(name) !== undefined) {
        problems.push(`${name} is set but no authentication is configured: set AUTH_JWT_SECRET or AUTH_JWKS_URL too`);
      }
    }
    return { mode: 'local', localRole };
  }
  if (read('AUTH_LOCAL_ROLE') !== undefined) {
    problems.push('AUTH_LOCAL_ROLE applies only without authentication; with a token setting, use AUTH_ANONYMOUS_ROLE');
  }
  let key: TokenKey = { kind: 'secret', secret: new Uint8Array() };
  if (secret !== undefined && jwksUrl !== undefined) {
    problems.push('AUTH_JWT_SECRET and AUTH_JWKS_URL are both set: set one (a shared secret or an identity provider)');
  } else if (secret !== undefined) {
    const bytes = Buffer.from(secret, 'utf8');
    // The value itself is never printed: it is a secret.
    if (bytes.length < MIN_SECRET_BYTES) {
      problems.push(
        `AUTH_JWT_SECRET is ${bytes.length} bytes long; it must be at least ${MIN_SECRET_BYTES} (e.g. the output of \`openssl rand -base64 48\`)`,
      );
    }
    key = { kind: 'secret', secret: new Uint8Array(bytes) };
  } else if (jwksUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(jwksUrl);
    } catch {
      url = undefined;
    }
    if (url === undefined || !['https:', 'http:'].includes(url.protocol)) {
      problems.push(`AUTH_JWKS_URL=${jwksUrl} is not an http(s) URL (the identity provider's JWKS endpoint)`);
    } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname.replace(/^\[(.*)\]$/, '$1'))) {
      // Whoever can change the key set can sign any token: it comes over TLS unless it is on this machine.
      problems.push(
        `AUTH_JWKS_URL=${jwksUrl} must be https:// (plain http only for an identity provider on this machine)`,
      );
    } else {
      key = { kind: 'jwks', url };
    }
  }
  if (jwksUrl !== undefined && audience === undefined) {
    // An identity provider signs tokens for every application of the realm: without an audience, another
    // application's token (and its roles) would be accepted here.
    problems.push('AUTH_JWT_AUDIENCE is required with AUTH_JWKS_URL: the client id tokens for this API are issued to');
  }
  if (anonymousRole !== undefined && anonymousRole !== 'viewer') {
    problems.push(
      `AUTH_ANONYMOUS_ROLE=${anonymousRole}: requests without a token may be viewers at most (confidential figures and writes need a token)`,
    );
  }
  const maxTokenAgeRaw = read('AUTH_MAX_TOKEN_AGE') ?? '24h';
  const maxTokenAgeSeconds = durationSeconds(maxTokenAgeRaw);
  if (maxTokenAgeSeconds === null || maxTokenAgeSeconds < 60 || maxTokenAgeSeconds > MAX_TOKEN_AGE_LIMIT) {
    problems.push(
      `AUTH_MAX_TOKEN_AGE=${maxTokenAgeRaw} is not a duration from 1m to 366d: seconds, or a number and s, m, h or d (e.g. 24h, 90m, 3600)`,
    );
  }
  const rolesClaim = rolesClaimRaw.split('.');
  if (rolesClaim.some((part) => part === '')) {
    problems.push(
      `AUTH_ROLES_CLAIM=${rolesClaimRaw} is not a dot path of claim names, e.g. roles or realm_access.roles`,
    );
  }
  return {
    mode: 'token',
    key,
    rolesClaim,
    maxTokenAgeSeconds: maxTokenAgeSeconds ?? 24 * 3600,
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience === undefined ? {} : { audience }),
    ...(anonymousRole === undefined ? {} : { anonymousRole }),
  };
}

/** CORS_ORIGINS: a comma-separated list of origins (scheme://host[:port]); `*` is refused, every origin is named. */
function originList(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return [];
  const origins: string[] = [];
  for (const item of raw
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')) {
    let origin: string | undefined;
    try {
      origin = new URL(item).origin;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || origin === 'null' || origin !== item.replace(/\/$/, '')) {
      problems.push(
        `CORS_ORIGINS: ${JSON.stringify(item)} is not an origin such as https://planning.example.gov.cn (scheme, host and port only; * is not accepted)`,
      );
    } else {
      origins.push(origin);
    }
  }
  return origins;
}
