import path from 'node:path';
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

export interface Config {
  host: string;
  port: number;
  logLevel: LogLevel;
  production: boolean;
  neo4j: Neo4jTarget;
  database: string;
  /** Upper bound for one database transaction started by the API. */
  queryTimeoutMs: number;
  /** Load the demo data at start when the database holds no domain node. */
  seedOnEmpty: boolean;
  /** Memory for answers served again while the data is unchanged (src/graphql/responseCache.ts); 0 = off. */
  responseCacheMb: number;
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
  const database = read('NEO4J_DATABASE') ?? 'neo4j';
  if (!/^[A-Za-z][A-Za-z0-9.-]{2,62}$/.test(database)) {
    problems.push(`NEO4J_DATABASE=${database} is not a valid database name (3-63 letters, digits, dots, dashes)`);
  }
  const queryTimeoutMs = int('QUERY_TIMEOUT_MS', 10_000, 100, 600_000);
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

  // The response cache's data version is a bookmark of one server; behind a routing driver two reads may reach
  // members at different points, so the cache is off for routing URIs (see src/graphql/responseCache.ts).
  const routing = neo4j.kind === 'remote' && neo4j.uri.startsWith('neo4j');
  let responseCacheMb = int('RESPONSE_CACHE_MB', routing ? 0 : 64, 0, 16_384);
  if (routing && responseCacheMb > 0) {
    problems.push(
      `RESPONSE_CACHE_MB=${responseCacheMb} needs a single Neo4j server (bolt://); with a routing URI (neo4j://) it must be 0 or unset`,
    );
    responseCacheMb = 0;
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host,
    port,
    logLevel: logLevelRaw as LogLevel,
    production: env.NODE_ENV === 'production',
    neo4j,
    database,
    queryTimeoutMs,
    seedOnEmpty,
    responseCacheMb,
  };
}
