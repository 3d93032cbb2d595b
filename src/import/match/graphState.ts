import type { ManagedTransaction } from 'neo4j-driver';
import { groupBy } from '../apply/groupBy';
import { IMPORT_TYPES, importCypher, templated } from '../apply/statements';
import type { NodeWrite, RelWrite } from '../kinds';

type Run = Pick<ManagedTransaction, 'run'>;

/** The current state of what the planned rows touch, read in the same transaction as the write. */
export interface GraphState {
  nodes: Map<string, Record<string, unknown>>;
  /** `${type}|${from}|${to}` → properties. */
  rels: Map<string, Record<string, unknown>>;
  /** Per enterprise id: the relationships of the exclusive types it has now, `${type}|${to}`. */
  exclusive: Map<string, string[]>;
  /** Per enterprise id: its report years and the report id of each. */
  reports: Map<string, Map<number, string>>;
  /** `${label}|${id}` of every node whose state was read (whether the graph has it or not). */
  read: Set<string>;
}

export function emptyState(): GraphState {
  return { nodes: new Map(), rels: new Map(), exclusive: new Map(), reports: new Map(), read: new Set() };
}

/**
 * Reads into `state` what the graph holds of the nodes `ids` of one label (those not read yet): their properties and
 * their relationships of the importer's types; of an enterprise, also its county and its reports by year.
 */
export async function readState(tx: Run, state: GraphState, label: string, ids: readonly string[]): Promise<void> {
  const fresh = [...new Set(ids)].filter((id) => !state.read.has(`${label}|${id}`));
  if (fresh.length === 0) return;
  for (const id of fresh) state.read.add(`${label}|${id}`);
  const query = label === 'Enterprise' ? importCypher('state') : templated('nodeState', { label });
  const result = await tx.run(query, { ids: fresh, types: IMPORT_TYPES });
  for (const record of result.records) {
    const id = record.get('id') as string;
    state.nodes.set(id, record.get('props') as Record<string, unknown>);
    for (const [type, to, props] of record.get('out') as [string, string, Record<string, unknown>][]) {
      state.rels.set(`${type}|${id}|${to}`, props);
    }
    if (label !== 'Enterprise') continue;
    state.exclusive.set(
      id,
      (record.get('regions') as string[]).map((to) => `LOCATED_IN|${to}`),
    );
    const years = new Map<number, string>();
    for (const [reportId, year, props] of record.get('reports') as [string, unknown, Record<string, unknown>][]) {
      years.set(Number(year), reportId);
      state.nodes.set(reportId, props);
      state.read.add(`AnnualReport|${reportId}`);
    }
    state.reports.set(id, years);
  }
}

/**
 * Reads into `state` what the rows write or link from besides their subjects (a person, a report, a host or
 * undertaker), so that the diff compares every write with the graph and an undo never removes a node the batch did
 * not create.
 */
export async function readStateOfWrites(
  tx: Run,
  state: GraphState,
  writes: readonly { nodes: readonly NodeWrite[]; rels: readonly RelWrite[] }[],
): Promise<void> {
  const others = writes.flatMap((r) => [
    ...r.nodes.map((n) => ({ label: n.label as string, id: n.id })),
    ...r.rels.map((w) => ({ label: w.fromLabel as string, id: w.from })),
  ]);
  for (const [label, group] of groupBy(others, (o) => o.label)) {
    await readState(
      tx,
      state,
      label,
      group.map((o) => o.id),
    );
  }
}
