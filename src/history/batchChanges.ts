import neo4j from 'neo4j-driver';
import { type ReadRunner, toPlain, loadCypher } from '../db';
import type { Change, PropertyChange } from './change';
import { propertyChanges } from './storedValue';

/**
 * An import's record of one node (its IMPORTED_IN link, cypher/history/linkRow.cypher): the row, the values the batch
 * replaced and wrote (JSON of stored forms, src/import/apply/stored.ts), and the relationships from the node it
 * created, changed or removed. Imports and undos are recorded by these links, in their own transaction; the trigger
 * records nothing more for them (src/db/writeMetadata.ts, `history: 'batch'`), so history reads them here.
 */
export interface ImportLink {
  nodeId: string;
  labels: string[];
  batch: string;
  file: string;
  kind: string;
  at: string;
  actor: string;
  auditId: string | null;
  undoneAt: string | null;
  undoneBy: string | null;
  undoAuditId: string | null;
  requestId: string | null;
  clientRequestId: string | null;
  undoRequestId: string | null;
  undoClientRequestId: string | null;
  row: number;
  created: boolean;
  before: string;
  after: string;
  rels: string | null;
}

/** A relationship the batch wrote from the link's node (src/import/apply/diff.ts RelTouch, stored). */
interface StoredRel {
  type: string;
  to: string;
  before: string | null;
  after: string | null;
}

const parse = (json: string | null): Record<string, unknown> =>
  json === null ? {} : (JSON.parse(json) as Record<string, unknown>);

/** Each property of `before` or `after` with both values (absent: null); confidential ones withheld. */
function propertiesOf(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  hidden: ReadonlySet<string>,
): PropertyChange[] {
  return propertyChanges(new Set([...Object.keys(before), ...Object.keys(after)]), before, after, hidden);
}

/**
 * The changes an import link records: what the import did to the node and its relationships (`import`), or what its
 * undo did (`undo`: the same, reversed), newest values as the API shows a Change.
 */
export function changesOfLink(link: ImportLink, which: 'import' | 'undo', hidden: ReadonlySet<string>): Change[] {
  const undo = which === 'undo';
  const before = parse(link.before);
  const after = parse(link.after);
  const common = {
    at: (undo ? link.undoneAt : link.at) as string,
    auditEventId: (undo ? link.undoAuditId : link.auditId) ?? '',
    actor: (undo ? link.undoneBy : link.actor) ?? 'unknown',
    operation: undo ? 'undo import' : `import ${link.kind}`,
    requestId: undo ? link.undoRequestId : link.requestId,
    clientRequestId: undo ? link.undoClientRequestId : link.clientRequestId,
    outsideApi: false,
    batchId: link.batch,
    file: link.file,
    row: link.row,
    labelsAdded: null,
    labelsRemoved: null,
  };
  const node: Change = {
    ...common,
    id: `${link.batch}:${which}:${link.nodeId}`,
    entity: 'NODE',
    action: link.created ? (undo ? 'DELETED' : 'CREATED') : 'UPDATED',
    labels: link.labels,
    nodeId: link.nodeId,
    type: null,
    fromId: null,
    toId: null,
    properties: undo ? propertiesOf(after, before, hidden) : propertiesOf(before, after, hidden),
  };
  const rels = (link.rels === null ? [] : (JSON.parse(link.rels) as StoredRel[])).map((rel): Change => {
    const [was, now] = undo ? [rel.after, rel.before] : [rel.before, rel.after];
    return {
      ...common,
      id: `${link.batch}:${which}:${link.nodeId}:${rel.type}:${rel.to}`,
      entity: 'RELATIONSHIP',
      action: was === null ? 'CREATED' : now === null ? 'DELETED' : 'UPDATED',
      labels: null,
      nodeId: null,
      type: rel.type,
      fromId: link.nodeId,
      toId: rel.to,
      properties: propertiesOf(parse(was), parse(now), hidden),
    };
  });
  return [node, ...rels];
}

/** Every change the import batches that wrote node `id` made to it and its relationships, and their undos. */
export async function batchChangesOf(tx: ReadRunner, id: string, hidden: ReadonlySet<string>): Promise<Change[]> {
  const result = await tx.run(loadCypher('history', 'batchLinks.cypher'), { id });
  return result.records.flatMap((record) => {
    const link = toPlain(record.get('link')) as ImportLink;
    return [
      ...changesOfLink(link, 'import', hidden),
      ...(link.undoneAt === null ? [] : changesOfLink(link, 'undo', hidden)),
    ];
  });
}

/**
 * Before an undo deletes the nodes its import created (and their links, the import's record of them), keeps as Change
 * nodes what the import did to them and what the undo does (cypher/history/keepCreated.cypher), in the undo's
 * transaction: `undoAuditId` is the undo's AuditEvent.
 */
export async function keepCreated(tx: Pick<ReadRunner, 'run'>, batchId: string, undoAuditId: string): Promise<void> {
  await tx.run(loadCypher('history', 'keepCreated.cypher'), { batchId, auditId: undoAuditId });
}

/** The changes of the imports and undos among `auditIds`, at most `limit` links each. */
export async function batchChangesOfEvents(
  tx: ReadRunner,
  auditIds: readonly string[],
  limit: number,
  hidden: ReadonlySet<string>,
): Promise<Map<string, Change[]>> {
  const result = await tx.run(loadCypher('history', 'eventLinks.cypher'), {
    auditIds: [...auditIds],
    limit: neo4j.int(limit),
  });
  const changes = new Map<string, Change[]>();
  for (const record of result.records) {
    const auditId = record.get('auditId') as string;
    const link = toPlain(record.get('link')) as ImportLink;
    changes.set(auditId, [
      ...(changes.get(auditId) ?? []),
      ...changesOfLink(link, record.get('undo') === true ? 'undo' : 'import', hidden),
    ]);
  }
  return changes;
}
