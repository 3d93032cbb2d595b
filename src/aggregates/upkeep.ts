import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { asTxMetadata, type ReadRunner, unrecorded, loadCypher } from '../db';
import { RULE_DEFAULTS } from '../domain';
import {
  type Contribution,
  delta,
  EMPTY,
  enterpriseContribution,
  type EnterpriseFacts,
  personContribution,
  type PersonFacts,
  platformContribution,
  type PlatformFacts,
  projectContribution,
  type ProjectFacts,
  sameContribution,
} from './contributions';

/** What runs statements in a write transaction (a managed transaction, or a counting runner over one). */
export type WriteRunner = Pick<ManagedTransaction, 'run'>;

/** The metadata of the transactions that write nothing but the aggregates (rebuild, catch-up): not history. */
export const DERIVED = asTxMetadata(unrecorded('maintained aggregates'));

/** The kinds of subject whose contributions are stored, by the label of their node. */
export const SUBJECT_KINDS = ['Enterprise', 'Person', 'Platform', 'Project'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * The nodes a write touches, by label (ids), or `unknown` with the reason when it cannot say (a generated mutation
 * selecting nodes by anything but id): then the counters are marked stale instead of refreshed.
 */
export type Touched = { ids: Record<string, Iterable<string>> } | { unknown: string };

/**
 * More subjects than this in one write are not refreshed in its transaction: the counters are marked stale and a
 * rebuild (batched, outside the write) brings them back. A write over a whole region or a qualification held by
 * thousands of firms costs the same as a rebuild anyway, and the write stays within its transaction timeout.
 */
export const MAX_SUBJECTS = 5_000;

/** An import or undo refreshes up to this many subjects in its own transaction (it has the time: IMPORT_TIMEOUT_MS). */
export const IMPORT_MAX_SUBJECTS = 100_000;

/** Nodes by label (an import's touched nodes, an undo's links) as {@link Touched} ids. */
export function touchedIds(nodes: Iterable<{ label: string; id: string }>): Record<string, string[]> {
  const ids: Record<string, string[]> = {};
  for (const { label, id } of nodes) (ids[label] ??= []).push(id);
  return ids;
}

const cypher = (name: string) => loadCypher('aggregates', `${name}.cypher`);

const FACTS: Record<SubjectKind, { file: string; contribution: (row: Record<string, unknown>) => Contribution }> = {
  Enterprise: {
    file: 'enterpriseFacts',
    contribution: (row) => enterpriseContribution(row as never as EnterpriseFacts),
  },
  Person: { file: 'personFacts', contribution: (row) => personContribution(row as never as PersonFacts) },
  Platform: { file: 'platformFacts', contribution: (row) => platformContribution(row as never as PlatformFacts) },
  Project: { file: 'projectFacts', contribution: (row) => projectContribution(row as never as ProjectFacts) },
};

const subjectOf = (kind: SubjectKind, id: string) => `${kind}:${id}`;

function kindOf(subject: string): { kind: SubjectKind; id: string } {
  const at = subject.indexOf(':');
  return { kind: subject.slice(0, at) as SubjectKind, id: subject.slice(at + 1) };
}

/** Neo4j integers, lists and maps of a record value as plain JS values (what contributions.ts expects). */
function plainRow(record: { keys: readonly PropertyKey[]; get: (key: string) => unknown }): Record<string, unknown> {
  return Object.fromEntries(record.keys.map((k) => [String(k), record.get(String(k))]));
}

/** Touched ids per statement of subjectsNear: a statement over an import's 10,000 ids would hold them all at once. */
const NEAR_SLICE = 500;

/** The subjects (`<Label>:<id>`) whose facts may read the touched nodes (cypher/aggregates/subjectsNear.cypher). */
export async function subjectsNear(tx: WriteRunner, ids: Record<string, Iterable<string>>): Promise<Set<string>> {
  const all = Object.entries(ids).flatMap(([label, values]) => [...new Set(values)].map((id) => [label, id] as const));
  const out = new Set<string>();
  const columns: [string, SubjectKind][] = [
    ['enterprises', 'Enterprise'],
    ['persons', 'Person'],
    ['platforms', 'Platform'],
    ['projects', 'Project'],
  ];
  for (let i = 0; i < all.length; i += NEAR_SLICE) {
    const lists: Record<string, string[]> = {};
    for (const [label, id] of all.slice(i, i + NEAR_SLICE)) (lists[label] ??= []).push(id);
    const record = (await tx.run(cypher('subjectsNear'), { ids: lists })).records[0];
    if (record === undefined) continue;
    for (const [column, kind] of columns) for (const id of record.get(column) as string[]) out.add(subjectOf(kind, id));
  }
  return out;
}

/** Each subject's contribution as its facts make it now. */
export async function currentContributions(
  tx: ReadRunner,
  subjects: readonly string[],
): Promise<Map<string, Contribution>> {
  const byKind = new Map<SubjectKind, string[]>();
  for (const subject of subjects) {
    const { kind, id } = kindOf(subject);
    byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  }
  const out = new Map<string, Contribution>();
  for (const [kind, ids] of byKind) {
    const { file, contribution } = FACTS[kind];
    const result = await tx.run(cypher(file), { ids, withinYears: neo4j.int(RULE_DEFAULTS.R2.withinYears) });
    for (const record of result.records) {
      out.set(subjectOf(kind, record.get('id') as string), contribution(plainRow(record)));
    }
  }
  return out;
}

/** A subject's gap list entries as gapEntries.cypher and createContributions.cypher write them. */
export function gapRowOf(subject: string, c: Contribution) {
  return {
    subject,
    enterpriseId: kindOf(subject).id,
    scopes: c.scopes,
    entries: c.gaps.map((g) => {
      const [gap, year, rank] = g.split('@') as [string, string, string];
      return { gap, year: neo4j.int(year), rank: neo4j.int(rank) };
    }),
  };
}

/** Statements per call: subjects are refreshed in slices, so that no statement carries an unbounded list. */
const SLICE = 1_000;

/**
 * Brings the stored contributions of `subjects` to what their facts are now, and every counter and gap entry with
 * them, in `tx`: reads the subjects' Contribution nodes, computes the new contributions (cypher/aggregates/*Facts),
 * and writes only the differences (src/aggregates/contributions.ts: delta). Exact whatever was stored, as long as the stored
 * contributions and the counters agreed before: that is the invariant every write keeps. The caller holds the state
 * lock ({@link lockState}): refreshes never overlap, so what is read here is what the last one committed.
 * @returns how many counters changed
 */
export async function refreshSubjects(tx: WriteRunner, subjects: Iterable<string>): Promise<number> {
  const all = [...new Set(subjects)].sort();
  let changed = 0;
  for (let i = 0; i < all.length; i += SLICE) {
    const slice = all.slice(i, i + SLICE);
    const read = await tx.run(cypher('readContributions'), { subjects: slice });
    const stored = new Map<string, Contribution>(
      read.records.map((r) => [
        r.get('subject') as string,
        {
          scopes: r.get('scopes') as string[],
          scoped: r.get('scoped') as string[],
          explicit: r.get('explicit') as string[],
          gaps: r.get('gaps') as string[],
        },
      ]),
    );
    const current = await currentContributions(tx, slice);
    const sums = new Map<string, bigint>();
    const rows: (Contribution & { subject: string })[] = [];
    const gapRows: ReturnType<typeof gapRowOf>[] = [];
    for (const subject of slice) {
      const before = stored.get(subject) ?? EMPTY;
      const after = current.get(subject) ?? EMPTY;
      if (sameContribution(before, after)) continue;
      rows.push({ subject, ...after });
      for (const [id, amount] of delta(before, after)) sums.set(id, (sums.get(id) ?? 0n) + amount);
      const gapsMoved = before.gaps.join() !== after.gaps.join() || before.scopes.join() !== after.scopes.join();
      if (gapsMoved && (before.gaps.length > 0 || after.gaps.length > 0)) gapRows.push(gapRowOf(subject, after));
    }
    const deltas = [...sums]
      .filter(([, amount]) => amount !== 0n)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, amount]) => {
        const at = id.lastIndexOf('@');
        return { id, key: id.slice(0, at), year: neo4j.int(id.slice(at + 1)), amount: neo4j.int(amount.toString()) };
      });
    if (deltas.length > 0) await tx.run(cypher('applyDeltas'), { deltas });
    if (rows.length > 0) await tx.run(cypher('storeContributions'), { rows });
    if (gapRows.length > 0) await tx.run(cypher('gapEntries'), { rows: gapRows });
    changed += deltas.length;
  }
  return changed;
}

/** The state of the maintained aggregates (see cypher/aggregates/state.cypher), locked for the rest of `tx`. */
export async function lockState(tx: WriteRunner): Promise<{ mode: string | null; token: string | null }> {
  const record = (await tx.run(cypher('state'))).records[0];
  return {
    mode: (record?.get('mode') as string | null) ?? null,
    token: (record?.get('token') as string | null) ?? null,
  };
}

/**
 * What an upkeep did: refreshed the subjects, recorded them (for a running rebuild or catch-up), recorded them and
 * left the counters pending a catch-up (too many to refresh under the lock), marked the counters stale, or nothing.
 */
export type UpkeepOutcome = 'refreshed' | 'recorded' | 'pending' | 'stale' | 'none';

/**
 * Up to this many subjects are refreshed in the write's own transaction; more (an import of thousands of rows) are
 * recorded and refreshed after it by a catch-up, in batches: every upkeep holds the state lock until it commits, and
 * a refresh of 10,000 firms under it would hold every other write for seconds.
 */
export const INLINE_SUBJECTS = 500;

/** The second half of an upkeep: to be called in the same transaction once the write is done. */
export interface Upkeep {
  /** `more`: nodes the write touched that were not known before it (a test's newly created nodes). */
  after(tx: WriteRunner, more?: Record<string, Iterable<string>>): Promise<UpkeepOutcome>;
}

/**
 * Keeps the maintained aggregates right across a write, in the write's own transaction: call before the write (it
 * finds the subjects near the touched nodes as they are before: a relationship the write removes is still there),
 * then `after(tx)` once it is done (the subjects near them after, then, under the state lock: a refresh of all of
 * them when the counters are ready and they are at most {@link INLINE_SUBJECTS}; a record of them while a rebuild or
 * a catch-up runs, or when they are more (the counters then wait for a catch-up, reads are live meanwhile); a stale
 * mark when the write could not say what it touched or touched more than `maxSubjects`).
 */
export async function beginUpkeep(tx: WriteRunner, touched: Touched, maxSubjects = MAX_SUBJECTS): Promise<Upkeep> {
  const before = 'ids' in touched ? await subjectsNear(tx, touched.ids) : null;
  return {
    async after(t, more = {}) {
      // The subjects near the touched nodes now are read before the state lock: the lock is held as briefly as can be.
      let subjects: Set<string> | null = null;
      if (before !== null && 'ids' in touched) {
        const ids: Record<string, string[]> = {};
        for (const source of [touched.ids, more]) {
          for (const [label, list] of Object.entries(source)) ids[label] = [...(ids[label] ?? []), ...list];
        }
        subjects = new Set([...before, ...(await subjectsNear(t, ids))]);
      }
      const state = await lockState(t);
      if (state.mode === null || state.mode === 'stale') return 'none';
      if (subjects === null || subjects.size > maxSubjects) {
        await t.run(cypher('markStale'));
        return 'stale';
      }
      if (subjects.size === 0) return 'none';
      if (state.mode === 'building' || state.mode === 'pending') {
        await t.run(cypher('markDirty'), { subjects: [...subjects] });
        return 'recorded';
      }
      if (subjects.size > INLINE_SUBJECTS) {
        // Too many to refresh while holding the lock every write takes: recorded, refreshed by a catch-up.
        await t.run(cypher('markDirty'), { subjects: [...subjects] });
        await t.run(cypher('markPending'));
        return 'pending';
      }
      await refreshSubjects(t, subjects);
      return 'refreshed';
    },
  };
}
