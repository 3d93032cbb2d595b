import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BackupStatusSource } from '../backup';
import { ErrorCode } from '../errors';
import { rootFieldNodes } from '../graphql';

/** The route label of a request: the API's own routes by name, anything else as `other` (bounded cardinality). */
export function routeOf(path: string): string {
  if (path.startsWith('/graphql')) return '/graphql';
  if (path.startsWith('/health/')) return path.split('?')[0] === '/health/ready' ? '/health/ready' : '/health/live';
  if (path.startsWith('/explorer')) return '/explorer';
  if (path.startsWith('/graphiql')) return '/graphiql';
  if (path.startsWith('/metrics')) return '/metrics';
  return 'other';
}

/**
 * The API's Prometheus metrics (prom-client), in a registry of its own per server: HTTP requests by route and status
 * with their latency; GraphQL operations by type, first root field and outcome (ok, or the first error's code:
 * refusals show as UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, QUERY_TOO_COMPLEX, …) with their latency; answers from
 * the response cache; database sessions held and waited for; and Node.js's own (memory, event-loop lag, GC).
 * Labels only take values the schema or the code bound: never a client's operation name or an id.
 */
export function createMetrics(
  sessions: () => { active: number; waiting: number; clients: number },
  backups?: BackupStatusSource,
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (backups !== undefined) backupMetrics(registry, backups);
  const http = new Histogram({
    name: 'ig_http_request_duration_seconds',
    help: 'HTTP requests by route and status, with their latency',
    labelNames: ['route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Histogram({
    name: 'ig_graphql_operation_duration_seconds',
    help: 'GraphQL operations by type, first root field and outcome (ok or the first error code), with their latency',
    labelNames: ['type', 'field', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'ig_response_cache_total',
    help: 'Query answers by response cache outcome (hit, miss, bypass)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'ig_refused_requests_total',
    help: 'Requests refused before or instead of running, by reason (the error code)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ig_db_sessions',
    help: 'Database sessions held by requests (state=active) and waited for (state=waiting), and clients holding any',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const now = sessions();
      this.set({ state: 'active' }, now.active);
      this.set({ state: 'waiting' }, now.waiting);
      this.set({ state: 'clients' }, now.clients);
    },
  });
  const REFUSALS = new Set<string>([
    ErrorCode.UNAUTHENTICATED,
    ErrorCode.FORBIDDEN,
    ErrorCode.RATE_LIMITED,
    ErrorCode.QUERY_TOO_COMPLEX,
    ErrorCode.BAD_REQUEST,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.AUTH_UNAVAILABLE,
    ErrorCode.PERSISTED_QUERY_NOT_LISTED,
    ErrorCode.BOOKMARK_NOT_REACHED,
    ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
    ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ]);

  /**
   * Called once per HTTP request when its answer is sent. `code` is set (res.locals.errorCode) only by the middlewares
   * that answer a request themselves — authentication, the rate limit, malformed bodies — so a refusal is counted
   * once, here or by the GraphQL plugin below.
   */
  function observeHttp(path: string, status: number, seconds: number, code?: unknown): void {
    http.observe({ route: routeOf(path), status: String(status) }, seconds);
    if (typeof code === 'string' && REFUSALS.has(code)) refused.inc({ reason: code });
  }

  function plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ response, operation, document }) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            const code = errors?.[0]?.extensions?.code;
            const outcome = typeof code === 'string' ? code : 'ok';
            const first = operation && document ? rootFieldNodes(document, operation)[0]?.name.value : undefined;
            operations.observe({ type: operation?.operation ?? 'unknown', field: first ?? 'none', outcome }, seconds);
            if (REFUSALS.has(outcome)) refused.inc({ reason: outcome });
            const cached = response.http.headers.get('x-cache');
            if (cached) cache.inc({ outcome: cached });
          },
        };
      },
    };
  }

  return { registry, observeHttp, plugin, refused };
}

/**
 * The scheduled backups' state (src/backup/schedule.ts), read when scraped: when the last backup succeeded and
 * failed (Unix seconds; absent until it happens) and the failures since the process started. Alert on
 * `time() - ig_backup_last_success_timestamp_seconds` growing past the interval.
 */
function backupMetrics(registry: Registry, backups: BackupStatusSource): void {
  const seconds = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso) / 1000);
  new Gauge({
    name: 'ig_backup_last_success_timestamp_seconds',
    help: 'When the last scheduled backup was written (Unix time)',
    registers: [registry],
    collect() {
      const at = seconds(backups.status().lastSuccessAt);
      if (at !== null) this.set(at);
    },
  });
  new Gauge({
    name: 'ig_backup_last_failure_timestamp_seconds',
    help: 'When the last scheduled backup failed (Unix time)',
    registers: [registry],
    collect() {
      const at = seconds(backups.status().lastFailureAt);
      if (at !== null) this.set(at);
    },
  });
  new Counter({
    name: 'ig_backup_failures_total',
    help: 'Scheduled backups that failed since the process started',
    registers: [registry],
    // The schedule keeps the count; a scrape copies it (a counter's value can only be set by reset and inc).
    collect() {
      this.reset();
      this.inc(backups.status().failures);
    },
  });
}
