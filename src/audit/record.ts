import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import type { Principal } from '../auth';
import { bumpDataVersion, APP, asTxMetadata, type WriteMetadata, loadCypher } from '../db';

/** Who made a write, and through what: everything an AuditEvent says but the counts. */
export interface AuditSubject {
  actor: string;
  roles: readonly string[];
  /** The GraphQL field or the command, e.g. `updateEnterprises`, `import qualifications`, `undo import`. */
  operation: string;
  /** The server's id of the request (src/server.ts makes one for every request). */
  requestId: string | null;
  /** The `x-request-id` the client sent, kept beside the server's as its correlation id. */
  clientRequestId?: string | null;
}

/** What a write changed, as Neo4j counted it. */
export interface WriteCounts {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

/** The subject of a write made by an API request's principal. */
export function subjectOf(
  principal: Principal,
  operation: string,
  requestId: string | null,
  clientRequestId: string | null = null,
): AuditSubject {
  return { actor: principal.sub, roles: principal.roles, operation, requestId, clientRequestId };
}

/** A new AuditEvent id: made before the write's transaction, so that its metadata can name the event. */
export function newAuditId(): string {
  return `audit-${randomUUID()}`;
}

/**
 * The transaction metadata of a write by `subject` whose AuditEvent will be `auditId` (src/db/writeMetadata.ts): the
 * change-history trigger points the changes it records to that event. `extra` names an import's batch and file.
 */
export function auditMetadata(
  subject: AuditSubject,
  auditId: string,
  extra: Pick<WriteMetadata, 'batchId' | 'importFile' | 'history'> = {},
): Record<string, string> {
  return asTxMetadata({
    app: APP,
    operation: subject.operation,
    actor: subject.actor,
    auditId,
    ...(subject.requestId === null ? {} : { requestId: subject.requestId }),
    ...extra,
  });
}

/** The counts of a statement's result (neo4j-driver's summary counters). */
export function countsOf(result: Pick<QueryResult, 'summary'>): WriteCounts {
  const u = result.summary.counters.updates();
  return {
    nodesCreated: u.nodesCreated,
    nodesDeleted: u.nodesDeleted,
    relationshipsCreated: u.relationshipsCreated,
    relationshipsDeleted: u.relationshipsDeleted,
    propertiesSet: u.propertiesSet,
  };
}

/**
 * A runner over `tx` that sums the counts of every statement run through it: the counts of an AuditEvent for work of
 * several statements (an import, an undo).
 */
export function countingRunner(tx: Pick<ManagedTransaction, 'run'>): {
  run: Pick<ManagedTransaction, 'run'>;
  counts: () => WriteCounts;
} {
  const total: WriteCounts = {
    nodesCreated: 0,
    nodesDeleted: 0,
    relationshipsCreated: 0,
    relationshipsDeleted: 0,
    propertiesSet: 0,
  };
  const run = (async (query: string, parameters?: Record<string, unknown>) => {
    const result = await tx.run(query, parameters);
    const counts = countsOf(result);
    for (const key of Object.keys(total) as (keyof WriteCounts)[]) total[key] += counts[key];
    return result;
  }) as unknown as ManagedTransaction['run'];
  return { run: { run }, counts: () => ({ ...total }) };
}

/**
 * Creates the AuditEvent of a write inside the write's own transaction (cypher/audit/record.cypher): it commits
 * exactly when the write does, and a write that fails or is rolled back leaves no event. Counts the write in the
 * data version too (every write of the API, an import or an undo records exactly one event). `id` is the one the
 * transaction's metadata names ({@link auditMetadata}), so that the changes the trigger records point to this event.
 * @returns the event's id
 */
export async function recordAudit(
  tx: Pick<ManagedTransaction, 'run'>,
  subject: AuditSubject,
  counts: WriteCounts,
  id: string = newAuditId(),
): Promise<string> {
  await tx.run(loadCypher('audit', 'record.cypher'), {
    id,
    actor: subject.actor,
    roles: [...subject.roles],
    operation: subject.operation,
    requestId: subject.requestId,
    clientRequestId: subject.clientRequestId ?? null,
    nodesCreated: neo4j.int(counts.nodesCreated),
    nodesDeleted: neo4j.int(counts.nodesDeleted),
    relationshipsCreated: neo4j.int(counts.relationshipsCreated),
    relationshipsDeleted: neo4j.int(counts.relationshipsDeleted),
    propertiesSet: neo4j.int(counts.propertiesSet),
  });
  await bumpDataVersion(tx);
  return id;
}
