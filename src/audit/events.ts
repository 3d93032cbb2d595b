import neo4j from 'neo4j-driver';
import { type ReadRunner, toPlain, loadCypher } from '../db';

/** The `AuditEvent` of schema/audit.graphql. */
export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  roles: string[];
  operation: string;
  requestId: string | null;
  clientRequestId: string | null;
  outsideApi: boolean;
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

/** Which events to read: the arguments of `Query.auditEvents`, checked. */
export interface AuditEventFilter {
  actor: string | null;
  /** ISO 8601 instants (inclusive / exclusive). */
  since: string | null;
  until: string | null;
  limit: number;
  offset: number;
}

/** The audit trail, newest first (cypher/audit/events.cypher). */
export async function readAuditEvents(tx: ReadRunner, filter: AuditEventFilter): Promise<AuditEvent[]> {
  const result = await tx.run(loadCypher('audit', 'events.cypher'), {
    actor: filter.actor,
    since: filter.since,
    until: filter.until,
    limit: neo4j.int(filter.limit),
    offset: neo4j.int(filter.offset),
  });
  return result.records.map((record) => {
    const event = toPlain(record.get('event')) as Omit<AuditEvent, 'requestId' | 'clientRequestId' | 'outsideApi'> &
      Partial<Pick<AuditEvent, 'requestId' | 'clientRequestId' | 'outsideApi'>>;
    // Events recorded before request ids were the server's, or before the change history, lack the newer keys.
    return {
      ...event,
      requestId: event.requestId ?? null,
      clientRequestId: event.clientRequestId ?? null,
      outsideApi: event.outsideApi ?? false,
    };
  });
}
