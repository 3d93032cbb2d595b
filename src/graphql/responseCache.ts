import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import { onlyIntrospection } from './operations';
import type { Logger } from '../logger';

/** Freezes an answer and everything in it, so that no caller can change what later requests are served. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

interface Entry {
  result: FormattedExecutionResult;
  bytes: number;
}

/**
 * Answers of the latest data version seen, least recently used first, within a byte budget. Reading a version other
 * than the current one makes it current and drops every answer of the old one at once (none can be served again);
 * an answer computed at any other version than the current one is not kept, so a slow request that started before a
 * write cannot push out the answers computed after it.
 */
export class VersionedAnswers {
  private version: string | null = null;
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /** @param maxBytes the budget for all answers together; one answer above an eighth of it is never kept */
  constructor(readonly maxBytes: number) {}

  /** The answer stored for `key` at `version`, or undefined; `version` becomes the current one. */
  get(version: string, key: string): FormattedExecutionResult | undefined {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
      this.bytes = 0;
      return undefined;
    }
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key); // re-inserted last: Map order is the recency order
    this.entries.set(key, entry);
    return entry.result;
  }

  /**
   * Keeps `result` (frozen) as the answer to `key` at `version`, evicting the least recently used answers until the
   * budget holds.
   * @param bytes what the answer and its key are counted as
   * @returns whether it was kept: not when `version` is not the current one, nor when it alone is above an eighth
   *   of the budget
   */
  set(version: string, key: string, result: FormattedExecutionResult, bytes: number): boolean {
    if (version !== this.version || bytes > this.maxBytes / 8) return false;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { result: deepFreeze(result), bytes });
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

/**
 * What identifies an answer: the partition (who may see it), the query text (its hash), the operation, and the values of the variables the
 * operation declares — variables it does not declare change nothing, so they are left out of the key (a client
 * cannot grow the store by sending junk).
 */
function keyOf(
  { queryHash, operationName, operation, request }: GraphQLRequestContextDidResolveOperation<BaseContext>,
  partition: string,
) {
  const given = request.variables ?? {};
  const declared = Object.fromEntries(
    (operation?.variableDefinitions ?? [])
      .map((d) => d.variable.name.value)
      .filter((name) => Object.prototype.hasOwnProperty.call(given, name))
      .map((name) => [name, given[name]]),
  );
  return createHash('sha256')
    .update(`${partition}\u0000${queryHash}\u0000${operationName ?? ''}\u0000${stableJson(declared)}`)
    .digest('base64');
}

/**
 * An answer's weight against the budget: its JSON size, times 3 for what the same data takes as JavaScript
 * objects on the heap (strings as UTF-16, object headers), plus the key. An estimate, on the safe side.
 */
function weightOf(key: string, result: FormattedExecutionResult): number {
  return 3 * Buffer.byteLength(JSON.stringify(result)) + key.length;
}

export interface ResponseCacheOptions {
  /** The current data version, or null when there is none (then nothing is cached); see dataVersion in src/db. */
  version: () => Promise<string | null>;
  /** Byte budget of the answers kept; 0 turns the cache off. */
  maxBytes: number;
  logger: Logger;
}

/** The options of a cache whose answers depend on who asks: `partitionOf` names the requests that may share one. */
export interface PartitionedCacheOptions<TContext> extends ResponseCacheOptions {
  /**
   * Requests with different partitions never share an answer. The server partitions by the principal's roles: a
   * viewer's map has no confidential properties, a planner's has them, and neither may be served to the other.
   */
  partitionOf: (context: TContext) => string;
  /** Resolves false when a check before the cache refuses the request: then no version is read (server.ts). */
  proceed?: (context: TContext) => Promise<boolean>;
  /**
   * The version read of a request that may not share the read of others: one that carries a client's bookmarks
   * must read the version on a member that has them (server.ts). Undefined: the shared read serves it.
   */
  versionFor?: (context: TContext) => Promise<string | null> | undefined;
}

/**
 * Shares reads between concurrent callers without ever answering a caller with a read that started before it
 * called: a call while no read runs starts one; calls while a read runs all wait for the next read, which starts as
 * soon as the running one ends. Under 8 concurrent requests the data version is then read about twice per round
 * instead of 8 times, and each request still gets a version read after it arrived (so it sees every write that
 * committed before it). A failed read fails the calls that waited for it; the next call starts afresh.
 */
export function freshReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    let current: Promise<T>;
    try {
      current = read();
    } catch (error) {
      current = Promise.reject(error as Error); // a read that throws at once still fails as a promise
    }
    running = current;
    const clear = (): void => {
      if (running === current) running = null;
    };
    current.then(clear, clear);
    return current;
  };
  return () => {
    if (running === null) return start();
    if (queued === null) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = null;
          return start();
        });
    }
    return queued;
  };
}

/** The response cache's Apollo plugin, and what it tells the plugins after it. */
export interface ResponseCachePlugin<TContext extends BaseContext> extends ApolloServerPlugin<TContext> {
  /**
   * Whether this request will be answered from the cache. Decided in `didResolveOperation`, which Apollo starts for
   * every plugin in their order and runs concurrently: a plugin listed after this one may await it there and skip
   * work whose outcome the kept answer already reflects (an answer is kept only without errors, at the same data
   * version). False for a plugin listed before this one, and for every request the cache does not answer.
   */
  answersFromCache(context: TContext): Promise<boolean>;
}

/**
 * Serves a query operation again from memory while the data has not changed. Once the operation is resolved, the
 * current data version is read (`options.version`: in the server, dataVersion in src/db: one auto-commit
 * `RETURN 1`); an answer stored at that version for the same query text, operation and declared variables is
 * returned as it is, and the response says `x-cache: hit`. Otherwise the query runs (`x-cache: miss`) and its answer
 * is kept under the version read before it ran — if a write commits meanwhile, the next request sees a newer version
 * and runs the query again, so no answer is ever served for data newer than it was computed from.
 *
 * Never cached: mutations, introspection-only operations (they read no data), answers with errors (bad input is
 * re-checked every time), and requests with a `Cache-Control: no-cache` or `no-store` header (`x-cache: bypass`).
 * When the version cannot be read the query simply runs.
 */
export function responseCache<TContext extends BaseContext>(
  options: PartitionedCacheOptions<TContext>,
): ResponseCachePlugin<TContext> {
  const answers = new VersionedAnswers(options.maxBytes);
  const readVersion = freshReads(options.version);
  /** Per request (its context object): the lookup, resolving to the kept answer or undefined. */
  const lookups = new WeakMap<object, Promise<FormattedExecutionResult | undefined>>();
  return {
    async answersFromCache(context) {
      const lookup = lookups.get(context);
      return lookup !== undefined && (await lookup) !== undefined;
    },
    async requestDidStart() {
      let pending: { version: string; key: string } | null = null;
      /** This request's lookup: the kept answer, or undefined. */
      let lookup: Promise<FormattedExecutionResult | undefined> = Promise.resolve(undefined);
      /** Reads the version and looks the answer up; sets the x-cache header and what the later hooks need. */
      async function look(
        requestContext: GraphQLRequestContextDidResolveOperation<TContext>,
      ): Promise<FormattedExecutionResult | undefined> {
        const { request, response } = requestContext;
        const operation = requestContext.operation as OperationDefinitionNode | undefined;
        if (options.maxBytes === 0 || operation?.operation !== 'query' || onlyIntrospection(operation)) {
          return undefined;
        }
        if (options.proceed && !(await options.proceed(requestContext.contextValue))) return undefined;
        if (/no-cache|no-store/i.test(request.http?.headers.get('cache-control') ?? '')) {
          response.http.headers.set('x-cache', 'bypass');
          return undefined;
        }
        let version: string | null;
        try {
          version = await (options.versionFor?.(requestContext.contextValue) ?? readVersion());
        } catch (error) {
          options.logger.warn({ err: error }, 'response cache: the data version could not be read; not cached');
          return undefined;
        }
        if (version === null) return undefined;
        const key = keyOf(requestContext, options.partitionOf(requestContext.contextValue));
        const hit = answers.get(version, key);
        if (hit !== undefined) {
          response.http.headers.set('x-cache', 'hit');
          return hit;
        }
        response.http.headers.set('x-cache', 'miss');
        pending = { version, key };
        return undefined;
      }
      return {
        async didResolveOperation(requestContext) {
          // Registered before the first await, so that the plugins after this one find it (see answersFromCache).
          lookup = look(requestContext);
          lookups.set(requestContext.contextValue, lookup);
          await lookup;
        },
        async responseForOperation({ response }) {
          const hit = await lookup;
          if (hit === undefined) return null;
          return { http: response.http, body: { kind: 'single', singleResult: hit } };
        },
        async willSendResponse({ response }) {
          if (pending === null || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (singleResult.errors === undefined || singleResult.errors.length === 0) {
            answers.set(pending.version, pending.key, singleResult, weightOf(pending.key, singleResult));
          }
          pending = null;
        },
      };
    },
  };
}
