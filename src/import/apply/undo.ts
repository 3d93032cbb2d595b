import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { type AuditSubject, countingRunner, recordAudit } from '../../audit/record';
import { importCypher, templated } from './statements';
import { type TxOptions, writeTx } from '../../db';
import { restoreProps, same } from './stored';

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
export class UndoError extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'CONFLICT',
  ) {
    super(message);
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

async function relProps(
  tx: Pick<ManagedTransaction, 'run'>,
  from: string,
  rel: StoredRel,
): Promise<Record<string, unknown> | null> {
  const result = await tx.run(templated('relationship', { type: rel.type, to: rel.toLabel }), { from, to: rel.to });
  return (result.records[0]?.get('props') as Record<string, unknown> | undefined) ?? null;
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
): Promise<UndoReport> {
  return writeTx(driver, options, async (tx) => {
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
    const relsOf = new Map<string, StoredRel[]>();
    for (const link of links) {
      for (const later of link.laterBatches)
        conflicts.push({ id: link.id, reason: `changed again by import batch ${later}` });
      const after = restoreProps(link.after);
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
      const rels = JSON.parse(link.rels) as StoredRel[];
      relsOf.set(link.id, rels);
      for (const rel of rels) {
        const now = await relProps(tx, link.id, rel);
        const expected = rel.after === null ? null : restoreProps(rel.after);
        const unchanged =
          expected === null
            ? now === null
            : now !== null && Object.entries(expected).every(([k, v]) => same(now[k], v));
        if (!unchanged)
          conflicts.push({ id: link.id, reason: `its ${rel.type} to ${rel.to} was changed after the import` });
      }
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
    const counter = countingRunner(tx);
    const run = async (query: string, params: Record<string, unknown>) => {
      await counter.run.run(query, params);
    };
    // Relationships first (their ends still exist), then the nodes.
    for (const link of links) {
      for (const rel of relsOf.get(link.id) ?? []) {
        const row = { from: link.id, to: rel.to, props: rel.before === null ? {} : restoreProps(rel.before) };
        const names = { type: rel.type, to: rel.toLabel };
        if (rel.before === null) {
          await run(templated('deleteRelationships', names), { rows: [row] });
          report.relationshipsRemoved += 1;
        } else {
          // Changed or removed by the batch: back as it was (`=` replaces every property by the kept ones).
          await run(templated('upsertRelationships', { ...names, set: '=' }), { rows: [row] });
          report.relationshipsRestored += 1;
        }
      }
    }
    for (const link of links) {
      if (link.created) {
        await run(templated('deleteNode', { label: link.label }), { id: link.id });
        report.nodesRemoved += 1;
      } else {
        await run(templated('restoreNode', { label: link.label }), { id: link.id, before: restoreProps(link.before) });
        report.nodesRestored += 1;
      }
    }
    await run(importCypher('markUndone'), { batchId, actor: subject.actor });
    const auditEventId = await recordAudit(tx, subject, counter.counts());
    return { ...report, undone: true, auditEventId };
  });
}
