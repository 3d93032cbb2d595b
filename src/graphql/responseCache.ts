import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from '../logger';
import type { RequestContext } from '../server';

/**
 * The version of the data a read would see now: the bookmark Neo4j returns for an auto-commit read, which names the
 * last transaction committed to the database. Any committed write — through this API, the seed or import CLIs,
 * cypher-shell, a schema change — gives a new one; a read never does. Null when the server returns no bookmark.
 */
export async function dataVersion(driver: Driver, database: string): Promise<string | null> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    await session.run('RETURN 1');
    const [bookmark] = session.lastBookmarks();
    return bookmark ?? null;
  } finally {
    await session.close();
  }
}

interface Entry {
  result: FormattedExecutionResult;
  bytes: number;
}

/**
 * Answers of one data version, least recently used first, within a byte budget (each answer's size as JSON). When
 * the version moves on, every answer of the old one is dropped at once: none of them can be served again.
 */
export class VersionedAnswers {
  private version: string | null = null;
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /** @param maxBytes the budget for all answers together; one answer above an eighth of it is never kept */
  constructor(readonly maxBytes: number) {}

  /** The answer stored for `key` at `version`, or undefined. */
  get(version: string, key: string): FormattedExecutionResult | undefined {
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key); // re-inserted last: Map order is the recency order
    this.entries.set(key, entry);
    return entry.result;
  }

  /**
   * Keeps `result` as the answer to `key` at `version`. A version other than the current one replaces it and
   * empties the store; evicts the least recently used answers until the budget holds.
   * @returns whether the answer was kept (false when it alone is above an eighth of the budget)
   */
  set(version: string, key: string, result: FormattedExecutionResult, bytes: number): boolean {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
      this.bytes = 0;
    }
    if (bytes > this.maxBytes / 8) return false;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { result, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
    return true;
  }

  /** How many answers and bytes are kept. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** A JSON text of `value` whose object keys are sorted, so that `{a, b}` and `{b, a}` give one cache key. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function keyOf(request: GraphQLRequestContextResponseForOperation<RequestContext>): string {
  const { queryHash, operationName, request: r } = request;
  return `${queryHash}\u0000${operationName ?? ''}\u0000${stableJson(r.variables ?? {})}`;
}

export interface ResponseCacheOptions {
  driver: Driver;
  database: string;
  /** Byte budget of the answers kept; 0 turns the cache off. */
  maxBytes: number;
  logger: Logger;
}

/**
 * Serves a query operation again from memory while the data has not changed. Before a query runs, the current data
 * version is read (one auto-commit `RETURN 1`, see {@link dataVersion}); an answer stored at that version for the
 * same query text, operation name and variables is returned as it is, and the response says `x-cache: hit`.
 * Otherwise the query runs (`x-cache: miss`) and its answer is kept under the version read before it ran — if a
 * write commits meanwhile, the next request sees a newer version and runs the query again, so no answer is ever
 * served for data newer than it was computed from.
 *
 * Never cached: mutations, answers with errors (bad input is re-checked every time), and requests with a
 * `Cache-Control: no-cache` header (`x-cache: bypass`). When the version cannot be read the query simply runs.
 */
export function responseCache(options: ResponseCacheOptions): ApolloServerPlugin<RequestContext> {
  const answers = new VersionedAnswers(options.maxBytes);
  return {
    async requestDidStart() {
      let pending: { version: string; key: string } | null = null;
      return {
        async responseForOperation(requestContext) {
          const { operation, request, response } = requestContext;
          if (operation.operation !== 'query' || options.maxBytes === 0) return null;
          if (/no-cache|no-store/i.test(request.http?.headers.get('cache-control') ?? '')) {
            response.http.headers.set('x-cache', 'bypass');
            return null;
          }
          let version: string | null;
          try {
            version = await dataVersion(options.driver, options.database);
          } catch (error) {
            options.logger.warn({ err: error }, 'response cache: the data version could not be read; not cached');
            return null;
          }
          if (version === null) return null;
          const key = keyOf(requestContext);
          const hit = answers.get(version, key);
          if (hit !== undefined) {
            response.http.headers.set('x-cache', 'hit');
            return { http: response.http, body: { kind: 'single', singleResult: hit } };
          }
          response.http.headers.set('x-cache', 'miss');
          pending = { version, key };
          return null;
        },
        async willSendResponse({ response }) {
          if (pending === null || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (singleResult.errors !== undefined && singleResult.errors.length > 0) return;
          answers.set(pending.version, pending.key, singleResult, Buffer.byteLength(JSON.stringify(singleResult)));
          pending = null;
        },
      };
    },
  };
}
