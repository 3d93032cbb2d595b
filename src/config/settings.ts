import { z } from 'zod';
import { fromRoot } from '../paths';
import { AUTH_SETTINGS } from './auth';
import { fileSystemPath, flag, matching, oneOf, text, wholeNumber } from './checks';
import type { Check, Scope, SettingTable } from './setting';
import { readTrustedDocuments, type TrustedDocuments } from './trustedDocuments';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const URI_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];

const neo4jUri: Check<string> = (name) =>
  z.string().refine((uri) => uri.includes('://') && URI_SCHEMES.includes(uri.split('://')[0] ?? ''), {
    error: (issue) =>
      `${name}=${String(issue.input)} must start with one of ${URI_SCHEMES.map((s) => `${s}://`).join(', ')}`,
  });

/** A comma-separated list of origins (scheme://host[:port]); `*` is refused, every origin is named. */
const origins: Check<string[]> = (name) =>
  z.string().transform((raw, ctx) => {
    const found: string[] = [];
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
        ctx.issues.push({
          code: 'custom',
          input: raw,
          message:
            `${name}: ${JSON.stringify(item)} is not an origin such as https://planning.example.gov.cn (scheme, host ` +
            'and port only; * is not accepted)',
        });
      } else {
        found.push(origin);
      }
    }
    return found;
  });

/**
 * One or more comma-separated keys of 32 bytes, each as 64 hex digits or in base64 (e.g. the output of `openssl rand
 * -base64 32`); a key is never printed, it is a secret.
 */
const bookmarkKeys: Check<Uint8Array[]> = (name) =>
  z.string().transform((raw, ctx) => {
    const keys: Uint8Array[] = [];
    for (const [i, item] of raw
      .split(',')
      .map((k) => k.trim())
      .entries()) {
      const bytes = /^[0-9a-fA-F]{64}$/.test(item)
        ? Buffer.from(item, 'hex')
        : /^[A-Za-z0-9+/_-]{43}=?$/.test(item)
          ? Buffer.from(item, 'base64')
          : null;
      if (bytes?.length === 32) keys.push(new Uint8Array(bytes));
      else {
        ctx.issues.push({
          code: 'custom',
          input: '(secret)',
          message: `${name}: key ${i + 1} is not 32 bytes as 64 hex digits or base64 (e.g. the output of \`openssl rand -base64 32\`)`,
        });
      }
    }
    return keys;
  });

/** A manifest's path: the file is read and checked now, each bad entry a problem. */
const trustedDocuments: Check<TrustedDocuments> = (name) =>
  fileSystemPath()(name).transform((file, ctx) => {
    const read = readTrustedDocuments(file);
    for (const problem of read.problems)
      ctx.issues.push({ code: 'custom', input: file, message: `${name}=${problem}` });
    return read.documents;
  });

/** The local Neo4j's settings, read only when NEO4J_URI does not name another Neo4j (and ignored when it does). */
const LOCAL_NEO4J: Scope = { applies: (text) => text('NEO4J_URI') === undefined };

const BACKUP_SCHEDULE: Scope = {
  applies: (text) => text('BACKUP_DIR') !== undefined,
  otherwise: (name) => `${name} is set but BACKUP_DIR is not: set BACKUP_DIR to turn scheduled backups on`,
};

/**
 * Every setting, in the order of the README's configuration table (a unit test holds the two together). `process.env`
 * is read nowhere else; `loadConfig` shapes the values into a `Config`.
 */
export const SETTINGS = {
  PORT: { description: 'HTTP port', default: '4000', check: wholeNumber(0, 65_535) },
  HOST: { description: 'interface to listen on', default: '127.0.0.1', check: text() },
  LOG_LEVEL: { description: 'the least severe log line written', default: 'info', check: oneOf(LOG_LEVELS) },
  LOG_FORMAT: {
    description: 'pretty (readable lines), json (one object a line), auto (pretty on a terminal)',
    default: 'auto',
    check: oneOf(['auto', 'pretty', 'json']),
  },
  NEO4J_URI: { description: 'a Neo4j to use instead of the local one', check: neo4jUri },
  NEO4J_USER: { description: 'user name for NEO4J_URI', default: 'neo4j', check: text() },
  NEO4J_PASSWORD: { description: 'password for NEO4J_URI', default: '', check: text(), verbatim: true },
  NEO4J_DATABASE: {
    description: 'database name',
    default: 'neo4j',
    check: matching(/^[A-Za-z][A-Za-z0-9.-]{2,62}$/, 'a valid database name (3-63 letters, digits, dots, dashes)'),
  },
  QUERY_TIMEOUT_MS: {
    description: 'upper bound of a request and of each database transaction it starts',
    default: '10000',
    check: wholeNumber(100, 600_000),
  },
  IMPORT_MAX_MB: {
    description: 'the largest spreadsheet POST /import accepts',
    default: '20',
    check: wholeNumber(1, 500),
  },
  IMPORT_TIMEOUT_MS: {
    description: 'the transaction timeout of one import or undo',
    default: '600000',
    check: wholeNumber(1_000, 3_600_000),
  },
  SEED_ON_EMPTY: {
    description: 'load the demo data when the database holds no domain node',
    default: 'true',
    check: flag(),
  },
  BACKUP_DIR: { description: 'folder for scheduled backups; unset turns them off', check: fileSystemPath() },
  BACKUP_INTERVAL_MINUTES: {
    description: 'minutes between scheduled backups',
    default: '1440',
    check: wholeNumber(5, 10_080),
    scope: BACKUP_SCHEDULE,
  },
  BACKUP_KEEP: {
    description: 'scheduled backups kept in BACKUP_DIR',
    default: '7',
    check: wholeNumber(1, 1000),
    scope: BACKUP_SCHEDULE,
  },
  RESPONSE_CACHE_MB: {
    description: 'memory for answers served again while the data is unchanged; 0 = off',
    default: '64',
    check: wholeNumber(0, 16_384),
  },
  BOOKMARK_KEY: {
    description: 'keys of the x-bookmark tokens; unset = derived from AUTH_JWT_SECRET, else random',
    check: bookmarkKeys,
  },
  BOOKMARK_WAIT_MS: {
    description: 'how long a request waits for the database to reach its bookmarks',
    default: '2000',
    check: wholeNumber(100, 60_000),
  },
  DISCLOSURE_MIN_CELL: {
    description: 'the least number of firms on each side of a threshold for a cell shown below planner',
    default: '3',
    check: wholeNumber(1, 1000),
  },
  ...AUTH_SETTINGS,
  CORS_ORIGINS: { description: 'origins whose pages may call the API from a browser', check: origins },
  MAX_QUERY_DEPTH: { description: 'nesting of selections', default: '10', check: wholeNumber(2, 100) },
  MAX_QUERY_ALIASES: { description: 'aliased fields in an operation', default: '15', check: wholeNumber(0, 1000) },
  MAX_QUERY_DIRECTIVES: { description: 'directives in an operation', default: '50', check: wholeNumber(0, 1000) },
  MAX_QUERY_TOKENS: { description: 'tokens in a document', default: '2000', check: wholeNumber(100, 100_000) },
  MAX_QUERY_COST: {
    description: 'estimated values an operation returns',
    default: '250000',
    check: wholeNumber(100, 100_000_000),
  },
  MAX_FILTER_DEPTH: {
    description: 'relationship filters nested in one another in a where',
    default: '2',
    check: wholeNumber(0, 20),
  },
  FILTER_HOP_COST: {
    description: 'what one relationship-filter level adds to the cost',
    default: '50',
    check: wholeNumber(1, 1_000_000),
  },
  RATE_LIMIT_PER_MINUTE: {
    description: 'requests one client may send a minute; 0 = no limit',
    default: '3000',
    check: wholeNumber(0, 10_000_000),
  },
  REQUEST_DB_SESSIONS: {
    description: 'database sessions one request may hold at once',
    default: '4',
    check: wholeNumber(1, 100),
  },
  CLIENT_DB_SESSIONS: {
    description: 'database sessions one client may hold at once',
    default: '12',
    check: wholeNumber(1, 1000),
  },
  DB_SESSION_WAIT_MS: {
    description: 'how long a request waits for a session before it is refused',
    default: '5000',
    check: wholeNumber(100, 600_000),
  },
  GRAPHQL_INTROSPECTION: {
    description: 'answer introspection queries; unset = on, off with NODE_ENV=production',
    check: flag(),
    shownDefault: 'on, off in production',
  },
  TRUSTED_DOCUMENTS: {
    description: 'a persisted query manifest: the operations callers below admin may run',
    check: trustedDocuments,
  },
  GRAPHQL_APQ: { description: 'automatic persisted queries', default: 'false', check: flag() },
  NEO4J_LOCAL_PORT: {
    description: 'Bolt port of the local Neo4j',
    default: '7687',
    check: wholeNumber(1, 65_535),
    scope: LOCAL_NEO4J,
  },
  NEO4J_LOCAL_DATA_DIR: {
    description: "the local Neo4j's data folder",
    default: fromRoot('.neo4j', 'data'),
    shownDefault: '`.neo4j/data`',
    check: fileSystemPath(),
    scope: LOCAL_NEO4J,
  },
  NEO4J_LOCAL_HEAP_MB: {
    description: "the local Neo4j's JVM heap",
    default: '1024',
    check: wholeNumber(256, 65_536),
    scope: LOCAL_NEO4J,
  },
  NEO4J_LOCAL_PAGECACHE_MB: {
    description: "the local Neo4j's page cache",
    default: '512',
    check: wholeNumber(16, 65_536),
    scope: LOCAL_NEO4J,
  },
  NEO4J_LOCAL_TX_TIMEOUT_S: {
    description: "the local Neo4j's transaction timeout",
    default: '60',
    check: wholeNumber(1, 86_400),
    scope: LOCAL_NEO4J,
  },
} satisfies SettingTable;
