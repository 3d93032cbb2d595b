import neo4j from 'neo4j-driver';
import { type ReadRunner, toPlain, loadCypher } from '../db';
import { batchChangesOf, batchChangesOfEvents } from './batchChanges';
import { propertyChanges } from './storedValue';
import type { Change } from './change';

/** Which changes of a node to read: the arguments of `Query.history`, checked. */
export interface HistoryFilter {
  id: string;
  /** ISO 8601 instants (inclusive / exclusive). */
  since: string | null;
  until: string | null;
  limit: number;
  offset: number;
}

/** A stored change as cypher/history/withEvent.cypher returns it (before/after as JSON text). */
interface StoredChange {
  id: string;
  at: string;
  entity: Change['entity'];
  action: Change['action'];
  labels?: string[];
  labelsAdded?: string[];
  labelsRemoved?: string[];
  nodeId?: string;
  type?: string;
  fromId?: string;
  toId?: string;
  properties: string[];
  before: string;
  after: string;
  auditId: string;
  actor: string;
  operation: string;
  requestId?: string | null;
  clientRequestId?: string | null;
  outsideApi: boolean;
  batchId?: string;
  file?: string;
  row?: number;
  /** For a node an undo deleted that its import had created: that import (its link went with the node). */
  createdBy?: { at: string; actor: string; kind: string; auditId: string | null; requestId: string | null } | null;
}

/**
 * A stored change as the API shows it; the values of the properties named in `hidden` (confidential fields the
 * reader may not read, src/auth/accessRules.ts) are withheld, never sent.
 */
export function changeOf(stored: StoredChange, hidden: ReadonlySet<string>): Change {
  const before = JSON.parse(stored.before) as Record<string, unknown>;
  const after = JSON.parse(stored.after) as Record<string, unknown>;
  return {
    id: stored.id,
    at: stored.at,
    entity: stored.entity,
    action: stored.action,
    labels: stored.labels ?? null,
    labelsAdded: stored.labelsAdded ?? null,
    labelsRemoved: stored.labelsRemoved ?? null,
    nodeId: stored.nodeId ?? null,
    type: stored.type ?? null,
    fromId: stored.fromId ?? null,
    toId: stored.toId ?? null,
    properties: propertyChanges(stored.properties, before, after, hidden),
    auditEventId: stored.auditId,
    actor: stored.actor,
    operation: stored.operation,
    requestId: stored.requestId ?? null,
    clientRequestId: stored.clientRequestId ?? null,
    outsideApi: stored.outsideApi,
    batchId: stored.batchId ?? null,
    file: stored.file ?? null,
    row: stored.row ?? null,
  };
}

/** Newest first; changes of one write (the same instant) in a stable order. */
function newestFirst(a: Change, b: Change): number {
  return Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * A stored change as the API shows it, and, for a node an undo deleted that its import had created, that creation
 * too (the values it had when deleted are those the import wrote: an undo refuses when they changed).
 */
function changesOf(stored: StoredChange, hidden: ReadonlySet<string>): Change[] {
  const change = changeOf(stored, hidden);
  const by = stored.createdBy;
  if (!by) return [change];
  const created: Change = {
    ...change,
    id: `${change.id}:created`,
    at: by.at,
    action: 'CREATED',
    properties: change.properties.map((p) => ({ ...p, before: null, after: p.before })),
    auditEventId: by.auditId ?? '',
    actor: by.actor,
    operation: `import ${by.kind}`,
    requestId: by.requestId,
    clientRequestId: null,
  };
  return [change, created];
}

/**
 * The changes of one node and of its relationships, newest first: those the trigger recorded
 * (cypher/history/history.cypher) and those of the import batches that wrote the node, with their undos
 * (src/history/batchChanges.ts). The first `offset + limit` of the trigger's are merged with the node's batches (a
 * node has few), then the page is cut.
 */
export async function readHistory(
  tx: ReadRunner,
  filter: HistoryFilter,
  hidden: ReadonlySet<string>,
): Promise<Change[]> {
  const result = await tx.run(loadCypher('history', 'history.cypher'), {
    id: filter.id,
    since: filter.since,
    until: filter.until,
    limit: neo4j.int(filter.offset + filter.limit),
    offset: neo4j.int(0),
  });
  const recorded = result.records.flatMap((record) => changesOf(toPlain(record.get('change')) as StoredChange, hidden));
  const since = filter.since === null ? -Infinity : Date.parse(filter.since);
  const until = filter.until === null ? Infinity : Date.parse(filter.until);
  const imported = (await batchChangesOf(tx, filter.id, hidden)).filter(
    (c) => Date.parse(c.at) >= since && Date.parse(c.at) < until,
  );
  return [...recorded, ...imported].sort(newestFirst).slice(filter.offset, filter.offset + filter.limit);
}

/**
 * The changes of each of `auditIds`, at most `limit` each: the trigger's (cypher/history/ofEvents.cypher), and an
 * import's or undo's from its batch.
 */
export async function readChangesOfEvents(
  tx: ReadRunner,
  auditIds: readonly string[],
  limit: number,
  hidden: ReadonlySet<string>,
): Promise<Map<string, Change[]>> {
  const result = await tx.run(loadCypher('history', 'ofEvents.cypher'), {
    auditIds: [...auditIds],
    limit: neo4j.int(limit),
  });
  const changes = new Map<string, Change[]>(auditIds.map((id) => [id, []]));
  for (const record of result.records) {
    changes.get(record.get('auditId') as string)?.push(changeOf(toPlain(record.get('change')) as StoredChange, hidden));
  }
  // An import's or an undo's changes are its batch's links (src/history/batchChanges.ts).
  for (const [auditId, ofBatch] of await batchChangesOfEvents(tx, auditIds, limit, hidden)) {
    changes.set(auditId, [...(changes.get(auditId) ?? []), ...ofBatch].slice(0, limit));
  }
  return changes;
}
