import { readTx, type TxOptions } from '../db';
import type { QueryRunner } from '../queries';
import type { RequestContext } from '../context';

/** The database and timeout a request's reads use (its @neo4j/graphql settings, so that every read agrees). */
export function txOptionsOf(context: RequestContext): TxOptions {
  return { database: context.sessionConfig.database, timeoutMs: context.transaction.timeout };
}

/** Runs a request's read work: {@link readTx} on the request's driver, database and timeout. */
export function readFor<T>(context: RequestContext, work: (tx: QueryRunner) => Promise<T>): Promise<T> {
  return readTx(context.executionContext, txOptionsOf(context), work);
}
