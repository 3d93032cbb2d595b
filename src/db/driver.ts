import { randomUUID } from 'node:crypto';
import neo4j, {
  type BookmarkManager,
  type Driver,
  type Integer,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  type Session,
  type SessionConfig,
} from 'neo4j-driver';
import { loadCypher } from './loadCypher';
import { withTimeout } from './timeout';

/** A transaction's timeout and metadata (neo4j-driver does not re-export the type). */
type TransactionConfig = NonNullable<Parameters<Session['executeRead']>[1]>;

export interface DriverOptions {
  uri: string;
  user?: string;
  password?: string;
  /** Connections at most (default 50). The readiness probe has a driver of its own with 2. */
  maxConnectionPoolSize?: number;
}

/**
 * One driver per process. Timeouts are short on purpose: when Neo4j is gone a request should fail in seconds
 * with DATABASE_UNAVAILABLE rather than hang; the driver reconnects by itself once Neo4j is back.
 */
export function createDriver({
  uri,
  user = 'neo4j',
  password = '',
  maxConnectionPoolSize = 50,
}: DriverOptions): Driver {
  const auth = password === '' ? undefined : neo4j.auth.basic(user, password);
  return neo4j.driver(uri, auth, {
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 2_000,
    maxConnectionPoolSize,
    disableLosslessIntegers: false,
    userAgent: 'innovation-graph',
  });
}

export interface TxOptions {
  database: string;
  timeoutMs?: number;
  /** Shown by `SHOW TRANSACTIONS` (metaData): what the transaction is, for an operator (an import names its file). */
  metadata?: Record<string, string>;
}

/** What read work runs its statements on: `run(cypher, params)`, as on a transaction. */
export type ReadRunner = Pick<ManagedTransaction, 'run'>;

const READ_ATTEMPTS = 3;

/**
 * Runs read-only `work`, each statement in its own auto-commit read transaction (routed to a follower on a
 * cluster). One statement is then one Bolt message and one round trip, where a managed transaction takes three
 * (BEGIN, RUN, COMMIT): on a small query that is most of the cost. Reads see committed data only, so splitting a
 * resolver's statements into transactions changes nothing it could observe but a write committed in between. Like a
 * managed transaction, the whole work is tried again (up to 3 times) when Neo4j answers with a retryable error.
 */
export async function readTx<T>(driver: Driver, options: TxOptions, work: (tx: ReadRunner) => Promise<T>): Promise<T> {
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await autoCommitReads(session, txConfig(options), work);
  } finally {
    await session.close();
  }
}

/**
 * The loop behind {@link readTx} and {@link withAutoCommitReads}: runs `work` on auto-commit statements of `session`,
 * trying it again after a retryable error, at most {@link READ_ATTEMPTS} times (the session stays usable after a
 * failed statement, as it does for the driver's own managed retries).
 */
async function autoCommitReads<T>(
  session: Session,
  config: TransactionConfig,
  work: (tx: ReadRunner) => Promise<T>,
): Promise<T> {
  const runner: ReadRunner = {
    run: ((query: string, parameters?: Record<string, unknown>) =>
      session.run(query, parameters, config)) as ReadRunner['run'],
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(runner);
    } catch (error) {
      if (attempt >= READ_ATTEMPTS || !neo4j.isRetryableError(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

/** Binds a method read off `target` to it, so that a proxy hands out working methods. */
export function own(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}

/**
 * The driver handed to @neo4j/graphql as its executionContext: the same driver, except that `executeRead` on its
 * sessions runs the work's statements as auto-commit reads with retries ({@link readTx}'s way) instead of a managed
 * transaction. @neo4j/graphql runs each query as one statement in `session.executeRead`, so this saves the BEGIN and
 * COMMIT round trips of every generated read. Writes (`executeWrite`, mutations) are untouched: still one managed
 * transaction each.
 */
export function withAutoCommitReads(driver: Driver): Driver {
  const session = (config?: SessionConfig): Session => {
    const real = driver.session(config);
    return new Proxy(real, {
      get(target, property) {
        if (property !== 'executeRead') return own(target, property);
        return <T>(work: (tx: ManagedTransaction) => Promise<T>, txConfig: TransactionConfig = {}) =>
          autoCommitReads(target, txConfig, work as (tx: ReadRunner) => Promise<T>);
      },
    });
  };
  return new Proxy(driver, {
    get: (target, property) => (property === 'session' ? session : own(target, property)),
  });
}

/**
 * The version of the data a read would see now: the counter that every write transaction of the API, the import and
 * undo, and the seed loader increments in the same transaction (cypher/version/bump.cypher, {@link bumpDataVersion}),
 * as `<epoch>:<value>`. One read of one node by id. Unlike a bookmark it is data, so every member of a cluster that
 * has a write has its version too: with `bookmarkManager` (the request's, holding the client's bookmarks) the read
 * waits until the member it reaches has those writes, so the version is never older than what the client has seen.
 * Writes made around the API (cypher-shell) must bump it themselves (README, "Data version"). Null before migration
 * 0008. With `timeoutMs`, a read that has not answered by then fails.
 */
export async function dataVersion(
  driver: Driver,
  database: string,
  timeoutMs?: number,
  bookmarkManager?: BookmarkManager,
): Promise<string | null> {
  const session = driver.session({
    database,
    defaultAccessMode: neo4j.session.READ,
    ...(bookmarkManager === undefined ? {} : { bookmarkManager }),
  });
  const read = session.run<{ epoch: string | null; value: Integer | null }>(loadCypher('version', 'read.cypher'));
  let result: QueryResult<{ epoch: string | null; value: Integer | null }>;
  try {
    result = await (timeoutMs === undefined ? read : withTimeout(read, timeoutMs));
  } catch (error) {
    // Closing waits for the read, which may be the one that hangs: let it close in the background.
    void session.close().catch(() => undefined);
    throw error;
  }
  await session.close();
  const record = result.records[0];
  const epoch = record?.get('epoch');
  const value = record?.get('value');
  return epoch == null || value == null ? null : `${epoch}:${value.toString()}`;
}

/** Counts a write in its own transaction `tx` (see {@link dataVersion}); every write path calls it once. */
export async function bumpDataVersion(tx: Pick<ManagedTransaction, 'run'>): Promise<void> {
  await tx.run(loadCypher('version', 'bump.cypher'), { epoch: randomUUID() });
}

/** Runs `work` in a managed write transaction: all of it commits, or none of it does. */
export async function writeTx<T>(driver: Driver, options: TxOptions, work: (tx: ManagedTransaction) => Promise<T>) {
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite(work, txConfig(options));
  } finally {
    await session.close();
  }
}

/**
 * Runs one statement in an auto-commit transaction (needed for schema commands and CALL … IN TRANSACTIONS), with
 * `metadata` on it when given (src/db/writeMetadata.ts).
 */
export async function runAutoCommit<R extends RecordShape = RecordShape>(
  driver: Driver,
  database: string,
  cypher: string,
  params: Record<string, unknown> = {},
  metadata?: Record<string, string>,
): Promise<QueryResult<R>> {
  const session = driver.session({ database });
  try {
    return await session.run<R>(cypher, params, metadata === undefined ? {} : { metadata });
  } finally {
    await session.close();
  }
}

function txConfig(options: TxOptions): { timeout?: number; metadata?: Record<string, string> } {
  return {
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
  };
}
