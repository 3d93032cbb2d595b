import type { Driver, ManagedTransaction, QueryResult, Session, SessionConfig } from 'neo4j-driver';
import { own } from '../db';
import { beginUpkeep, type Touched } from '../aggregates';
import { type AuditSubject, auditMetadata, countsOf, newAuditId, recordAudit } from './record';

type TransactionConfig = NonNullable<Parameters<Session['executeWrite']>[1]>;

function isQueryResult(value: unknown): value is QueryResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<QueryResult>).summary?.counters?.updates === 'function'
  );
}

/**
 * The driver a generated mutation runs on: the same driver, except that `executeWrite` on its sessions records an
 * AuditEvent for `subject` at the end of the write's own managed transaction, with the counts of the write's result,
 * and keeps the maintained aggregates right for the `touched` nodes (src/aggregates/upkeep.ts: the subjects near them
 * before and after the write are refreshed in the same transaction); `onStale` is called once a write that had to
 * mark them stale has committed.
 * @neo4j/graphql runs each mutation root field as one statement in `session.executeWrite`, so the change and its
 * event commit together (a failure in either rolls both back) and are retried together. Reads are untouched.
 */
export function auditedDriver(driver: Driver, subject: AuditSubject, touched?: Touched, onStale?: () => void): Driver {
  const session = (config?: SessionConfig): Session => {
    const real = driver.session(config);
    return new Proxy(real, {
      get(target, property) {
        if (property !== 'executeWrite') return own(target, property);
        return <T>(work: (tx: ManagedTransaction) => Promise<T>, txConfig?: TransactionConfig) => {
          // Named before the transaction: its metadata tells the change-history trigger which event the changes are of.
          const auditId = newAuditId();
          const metadata = { ...txConfig?.metadata, ...auditMetadata(subject, auditId) };
          return target
            .executeWrite(
              async (tx) => {
                const upkeep = touched === undefined ? null : await beginUpkeep(tx, touched);
                const result = await work(tx);
                // Anything else would be a change of @neo4j/graphql's executor: refuse to write unaudited.
                if (!isQueryResult(result)) throw new Error('audited write: the work did not return a query result');
                const outcome = upkeep === null ? 'none' : await upkeep.after(tx);
                await recordAudit(tx, subject, countsOf(result), auditId);
                return { result, outcome };
              },
              { ...txConfig, metadata },
            )
            .then(({ result, outcome }) => {
              if (outcome === 'stale') onStale?.();
              return result as T;
            });
        };
      },
    });
  };
  return new Proxy(driver, {
    get: (target, property) => (property === 'session' ? session : own(target, property)),
  });
}
