import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { RelWrite } from '../kinds';
import type { GraphState } from '../match/graphState';
import type { PlannedRow } from '../match/plan';
import { groupBy } from './groupBy';
import { templated } from './statements';
import { same, storeProps } from './stored';

/** What a batch did to one node: kept on its IMPORTED_IN link to the batch, so that the batch can be undone. */
export interface Touch {
  label: RelWrite['fromLabel'];
  id: string;
  row: number;
  created: boolean;
  /** The values the batch replaced (null: the property was absent), of the properties it changed. */
  before: Record<string, unknown>;
  /** The values the batch wrote, of the same properties. */
  after: Record<string, unknown>;
  /** Relationships from this node the batch added, changed or removed, with their properties before and after. */
  rels: Map<string, RelTouch>;
}

export interface RelTouch {
  type: RelWrite['type'];
  toLabel: RelWrite['toLabel'];
  to: string;
  /** null: the batch created it. */
  before: Record<string, unknown> | null;
  /** null: the batch removed it. */
  after: Record<string, unknown> | null;
}

export interface Diff {
  touches: Map<string, Touch>;
  created: number;
  updated: number;
  unchanged: number;
}

function touchOf(touches: Map<string, Touch>, label: Touch['label'], id: string, row: number, created: boolean) {
  let touch = touches.get(id);
  if (!touch) {
    touch = { label, id, row, created, before: {}, after: {}, rels: new Map() };
    touches.set(id, touch);
  }
  return touch;
}

/**
 * Compares what each row writes with the graph's state (updated row after row) and keeps, per node, the values
 * replaced and written. A row is created when its subject (firm, platform, project) is new, updated when it changes
 * anything of a known one (a new report, qualification or secondment included), else unchanged.
 */
export function diffRows(rows: readonly PlannedRow[], state: GraphState): Diff {
  const touches = new Map<string, Touch>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  /** Subjects this batch creates: every row about one of them counts as created (it is new to the graph). */
  const createdHere = new Set<string>();
  for (const planned of rows) {
    let rowCreated = false;
    let rowChanged = false;
    for (const write of planned.nodes) {
      const current = state.nodes.get(write.id);
      const changed = Object.keys(write.props).filter((k) => k !== 'source' && !same(current?.[k], write.props[k]));
      if (current !== undefined && changed.length === 0) continue;
      const touch = touchOf(touches, write.label, write.id, planned.row, current === undefined);
      const keys = current === undefined ? Object.keys(write.props) : [...changed, 'source'];
      for (const key of keys) {
        if (!(key in touch.before)) touch.before[key] = current?.[key] ?? null;
        touch.after[key] = write.props[key];
      }
      state.nodes.set(write.id, { ...current, ...write.props });
      // Counted by subject, as a planner reads the report: a row creates when its firm (platform, project) is new; a
      // new year's report of a known firm, or a new 科技副总 seconded to it, is an update of that firm.
      if (current === undefined && write.id === planned.subjectId) {
        rowCreated = true;
        createdHere.add(write.id);
      } else rowChanged = true;
    }
    for (const write of planned.rels) {
      const key = `${write.type}|${write.from}|${write.to}`;
      const current = state.rels.get(key);
      const changed = Object.keys(write.props).filter((k) => k !== 'source' && !same(current?.[k], write.props[k]));
      const others = write.exclusive
        ? (state.exclusive.get(write.from) ?? []).filter(
            (r) => r.startsWith(`${write.type}|`) && r !== `${write.type}|${write.to}`,
          )
        : [];
      if (current !== undefined && changed.length === 0 && others.length === 0) continue;
      const touch = touchOf(touches, write.fromLabel, write.from, planned.row, false);
      const props = { ...write.props, importBatch: null as string | null };
      const recorded = touch.rels.get(key);
      touch.rels.set(key, {
        type: write.type,
        toLabel: write.toLabel,
        to: write.to,
        before: recorded ? recorded.before : (current ?? null),
        after: { ...current, ...props },
      });
      state.rels.set(key, { ...current, ...write.props });
      for (const other of others) {
        const to = other.slice(write.type.length + 1);
        const otherKey = `${write.type}|${write.from}|${to}`;
        const was = touch.rels.get(otherKey);
        touch.rels.set(otherKey, {
          type: write.type,
          toLabel: write.toLabel,
          to,
          before: was ? was.before : (state.rels.get(otherKey) ?? {}),
          after: null,
        });
        state.rels.delete(otherKey);
      }
      if (write.exclusive) state.exclusive.set(write.from, [`${write.type}|${write.to}`]);
      rowChanged = true;
    }
    if (rowCreated || createdHere.has(planned.subjectId)) created += 1;
    else if (rowChanged) updated += 1;
    else unchanged += 1;
  }
  return { touches, created, updated, unchanged };
}

/** The batch's writes, in one transaction with its ImportBatch node (the caller's). */
export async function writeDiff(tx: Pick<ManagedTransaction, 'run'>, batchId: string, diff: Diff): Promise<void> {
  const touches = [...diff.touches.values()];
  for (const group of groupBy(touches, (t) => t.label).values()) {
    const rows = group.map((t) => ({
      id: t.id,
      props: t.after,
      link: {
        row: neo4j.int(t.row),
        created: t.created,
        before: storeProps(t.before),
        after: storeProps(t.after),
        rels: JSON.stringify(
          [...t.rels.values()].map((r) => ({
            ...r,
            before: r.before === null ? null : storeProps(r.before),
            after: r.after === null ? null : storeProps({ ...r.after, importBatch: batchId }),
          })),
        ),
      },
    }));
    await tx.run(templated('upsertNodes', { label: (group[0] as Touch).label }), { batchId, rows });
  }
  // One statement per labels, type and action: the relationships the batch removed, then those it wrote.
  const rels = touches.flatMap((t) => [...t.rels.values()].map((r) => ({ ...r, from: t.id, fromLabel: t.label })));
  for (const group of groupBy(rels, (r) => `${r.fromLabel}|${r.type}|${r.toLabel}|${r.after === null}`).values()) {
    const [{ fromLabel, type, toLabel, after }] = group as [RelTouch & { from: string; fromLabel: string }];
    const names = { from: fromLabel, type, to: toLabel };
    if (after === null) {
      const rows = group.map((r) => ({ from: r.from, to: r.to }));
      await tx.run(templated('deleteRelationships', names), { rows });
    } else {
      const rows = group.map((r) => ({ from: r.from, to: r.to, props: { ...r.after, importBatch: batchId } }));
      await tx.run(templated('upsertRelationships', { ...names, set: '+=' }), { rows });
    }
  }
}
