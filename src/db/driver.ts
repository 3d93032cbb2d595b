import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';

export interface DriverOptions {
  uri: string;
  user?: string;
  password?: string;
}

/**
 * One driver per process. Timeouts are short on purpose: when Neo4j is gone a request should fail in seconds
 * with DATABASE_UNAVAILABLE rather than hang; the driver reconnects by itself once Neo4j is back.
 */
export function createDriver({ uri, user = 'neo4j', password = '' }: DriverOptions): Driver {
  const auth = password === '' ? undefined : neo4j.auth.basic(user, password);
  return neo4j.driver(uri, auth, {
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 2_000,
    maxConnectionPoolSize: 50,
    disableLosslessIntegers: false,
    userAgent: 'innovation-graph',
  });
}

export interface TxOptions {
  database: string;
  timeoutMs?: number;
}

/** Runs `work` in a managed read transaction (routed to a follower on a cluster). */
export async function readTx<T>(driver: Driver, options: TxOptions, work: (tx: ManagedTransaction) => Promise<T>) {
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(work, txConfig(options));
  } finally {
    await session.close();
  }
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

/** Runs one statement in an auto-commit transaction (needed for schema commands). */
export async function runAutoCommit<R extends RecordShape = RecordShape>(
  driver: Driver,
  database: string,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<QueryResult<R>> {
  const session = driver.session({ database });
  try {
    return await session.run<R>(cypher, params);
  } finally {
    await session.close();
  }
}

function txConfig(options: TxOptions): { timeout?: number } {
  return options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs };
}
