import { keepCreated } from '../../history';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { beginUpkeep, IMPORT_MAX_SUBJECTS, touchedIds } from '../../aggregates';
import { type AuditSubject, auditMetadata, countingRunner, newAuditId, recordAudit } from '../../audit';
import { groupBy } from './groupBy';
import { importCypher, templated } from './statements';
import { type TxOptions, writeTx } from '../../db';
import { restoreProps, same } from './stored';
import { AppError, ErrorCode } from '../../errors';

/** Something that changed after the batch, so that undoing it would lose a later change. */
export interface UndoConflict {
  id: string;
  reason: string;
}

export interface UndoReport {
  batchId: string;
  undone: boolean;
  nodesRemoved: number;
  nodesRestored: number;
  relationshipsRemoved: number;
  relationshipsRestored: number;
  conflicts: UndoConflict[];
  auditEventId: string | null;
}

/** A batch that does not exist or was already undone: a usage error (exit 2, HTTP 404/409). */
export class UndoError extends AppError {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'CONFLICT',
  ) {
    // The one place an undo's refusal gets its API code: GraphQL (undoImport) and HTTP (POST /imports/:id/undo) alike.
    super(ErrorCode[code], message, { argument: 'batchId' });
    this.name = 'UndoError';
  }
}

interface Link {
  label: string;
  id: string;
  props: Record<string, unknown>;
  created: boolean;
  before: string;
  after: string;
  rels: string;
  laterBatches: string[];
  otherRels: number;
}

interface StoredRel {
  type: string;
  toLabel: string;
  to: string;
  before: string | null;
  after: string | null;
}

async function readLinks(tx: Pick<ManagedTransaction, 'run'>, batchId: string): Promise<Link[]> {
  const result = await tx.run(importCypher('batchLinks'), { batchId });
  return result.records.map((r) => ({
    label: r.get('label') as string,
    id: r.get('id') as string,
    props: r.get('props') as Record<string, unknown>,
    created: r.get('created') as boolean,
    before: r.get('before') as string,
    after: r.get('after') as string,
    rels: r.get('rels') as string,
    laterBatches: r.get('laterBatches') as string[],
    otherRels: Number(r.get('otherRels')),
  }));
}

interface RelOfLink extends StoredRel {
  from: string;
  /** The label of the start node: the node whose link kept the relationship. */
  fromLabel: string;
}

/** The properties now of every relationship the batch recorded, one statement per labels and type. */
async function relationshipsNow(
  tx: Pick<ManagedTransaction, 'run'>,
  rels: readonly RelOfLink[],
): Promise<Map<string, Record<string, unknown> | null>> {
  const now = new Map<string, Record<string, unknown> | null>();
  for (const group of groupBy(rels, (r) => `${r.fromLabel}|${r.type}|${r.toLabel}`).values()) {
    const [{ fromLabel, type, toLabel }] = group as [RelOfLink];
    const result = await tx.run(templated('relationships', { from: fromLabel, type, to: toLabel }), {
      rows: group.map((r) => ({ from: r.from, to: r.to })),
    });
    for (const record of result.records) {
      const props = (record.get('props') as Record<string, unknown> | null) ?? null;
      now.set(`${type}|${record.get('from') as string}|${record.get('to') as string}`, props);
    }
  }
  return now;
}

/**
 * Undoes an import batch: removes what it created and restores what it changed, in one transaction with the
 * AuditEvent (operation `undo import`). Refuses — changing nothing and listing every conflict — when something the
 * batch wrote changed afterwards: a value no longer the one it wrote, a later batch over the same node, or a node it
 * created that has gained relationships of its own.
 */
export async function undoImport(
  driver: Driver,
  options: TxOptions,
  batchId: string,
  subject: AuditSubject,
  onAggregatesStale?: () => void,
): Promise<UndoReport> {
  let settle = false;
  const auditId = newAuditId();
  // The changes an undo makes are recorded under its event, with the batch it takes back.
  const metadata = { ...options.metadata, ...auditMetadata(subject, auditId, { batchId, history: 'batch' }) };
  const report = await writeTx(driver, { ...options, metadata }, async (tx) => {
    settle = false;
    // One import or undo at a time (cypher/import/lock.cypher): an undo must not read while an import writes.
    await tx.run(importCypher('lock'));
    const batch = await tx.run(importCypher('batch'), { batchId });
    if (batch.records.length === 0)
      throw new UndoError(`no import batch has the id ${JSON.stringify(batchId)}`, 'NOT_FOUND');
    if (batch.records[0]?.get('undone') === true) {
      throw new UndoError(`import batch ${batchId} was undone already`, 'CONFLICT');
    }
    const links = await readLinks(tx, batchId);
    const conflicts: UndoConflict[] = [];
    for (const link of links) {
      const after = restoreProps(link.after);
      // A later batch over a node this one created or changed may have written the same values: undoing this one
      // would take those back too. A node whose relationships alone the batch wrote (a host, an undertaker, an
      // employer) is not held: each relationship is checked below, and carries the batch that wrote it last.
      if (link.created || Object.keys(after).length > 0) {
        for (const later of link.laterBatches)
          conflicts.push({ id: link.id, reason: `changed again by import batch ${later}` });
      }
      for (const [key, value] of Object.entries(after)) {
        if (!same(link.props[key], value)) {
          conflicts.push({
            id: link.id,
            reason: `${key} was changed after the import (imported ${JSON.stringify(String(value))}, now ${JSON.stringify(String(link.props[key] ?? null))})`,
          });
        }
      }
      if (link.created && link.otherRels > 0) {
        conflicts.push({
          id: link.id,
          reason: `created by the import, it has gained ${link.otherRels} relationship(s) since`,
        });
      }
    }
    const rels: RelOfLink[] = links.flatMap((link) =>
      (JSON.parse(link.rels) as StoredRel[]).map((r) => ({ ...r, from: link.id, fromLabel: link.label })),
    );
    const now = await relationshipsNow(tx, rels);
    for (const rel of rels) {
      const current = now.get(`${rel.type}|${rel.from}|${rel.to}`) ?? null;
      const expected = rel.after === null ? null : restoreProps(rel.after);
      const unchanged =
        expected === null
          ? current === null
          : current !== null && Object.entries(expected).every(([k, v]) => same(current[k], v));
      if (!unchanged)
        conflicts.push({ id: rel.from, reason: `its ${rel.type} to ${rel.to} was changed after the import` });
    }
    const report: UndoReport = {
      batchId,
      undone: false,
      nodesRemoved: 0,
      nodesRestored: 0,
      relationshipsRemoved: 0,
      relationshipsRestored: 0,
      conflicts,
      auditEventId: null,
    };
    if (conflicts.length > 0) return report;
    // The nodes the import created go, and their links (its record of them) with them: their history is kept first.
    await keepCreated(tx, batchId, auditId);
    // The maintained aggregates, in this transaction: the nodes the batch wrote are touched again.
    const upkeep = await beginUpkeep(tx, { ids: touchedIds(links) }, IMPORT_MAX_SUBJECTS);
    const counter = countingRunner(tx);
    const run = async (query: string, params: Record<string, unknown>) => {
      await counter.run.run(query, params);
    };
    // Relationships first (their ends still exist), then the nodes; one statement per type, label and action.
    for (const group of groupBy(rels, (r) => `${r.fromLabel}|${r.type}|${r.toLabel}|${r.before === null}`).values()) {
      const [{ fromLabel, type, toLabel, before }] = group as [RelOfLink];
      const names = { from: fromLabel, type, to: toLabel };
      const rows = group.map((r) => ({
        from: r.from,
        to: r.to,
        props: r.before === null ? {} : restoreProps(r.before),
      }));
      if (before === null) {
        await run(templated('deleteRelationships', names), { rows });
        report.relationshipsRemoved += rows.length;
      } else {
        // Changed or removed by the batch: back as it was (`=` replaces every property by the kept ones).
        await run(templated('upsertRelationships', { ...names, set: '=' }), { rows });
        report.relationshipsRestored += rows.length;
      }
    }
    for (const group of groupBy(links, (l) => `${l.label}|${l.created}`).values()) {
      const [{ label, created }] = group as [Link];
      if (created) {
        await run(templated('deleteNode', { label }), { ids: group.map((l) => l.id) });
        report.nodesRemoved += group.length;
      } else {
        const rows = group.map((l) => ({ id: l.id, before: restoreProps(l.before) }));
        await run(templated('restoreNode', { label }), { rows });
        report.nodesRestored += group.length;
      }
    }
    await run(importCypher('markUndone'), { batchId, actor: subject.actor, auditId });
    const outcome = await upkeep.after(tx);
    settle = outcome === 'stale';
    const auditEventId = await recordAudit(tx, subject, counter.counts(), auditId);
    return { ...report, undone: true, auditEventId };
  });
  if (settle) onAggregatesStale?.();
  return report;
}
