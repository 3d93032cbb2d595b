import { randomInt } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { asTxMetadata, type ReadRunner, unrecorded, loadCypher } from '../db';
import { isLabel, RULE_DEFAULTS } from '../domain';
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
export type Touched =
  | {
      ids: Record<string, Iterable<string>>;
      /** The write only sets properties of the named nodes (src/aggregates/touched.ts): the subjects near them
       * after it are those before, which the upkeep then does not look for again. */
      propertiesOnly?: boolean;
    }
  | { unknown: string };

/**
 * More subjects than this in one write are not refreshed in its transaction: the counters are marked stale and a
 * rebuild (batched, outside the write) brings them back. A write over a whole region or a qualification held by
 * thousands of firms costs the same as a rebuild anyway, and the write stays within its transaction timeout.
 */
export const MAX_SUBJECTS = 5_000;

/**
 * An import or undo refreshes up to this many subjects in its own transaction; above, it marks the counters stale
 * (reads go live until the rebuild the API starts). Not more: the change-history trigger (APOC, at commit) is handed
 * every property the transaction changed, old and new, the refreshed Contributions and gap entries included, and a
 * 10,000-row register's undo (2,000 firms removed, 8,000 given back: ~10,000 subjects) went from 170 MB of
 * transaction memory before commit to over the local launcher's 512 MiB per-transaction limit at commit
 * (Neo.TransientError.General.MemoryPoolOutOfMemoryError, scales 1 and 50, 2026-12-07); without the refresh it commits.
 */
export const IMPORT_MAX_SUBJECTS = 5_000;

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

/** subjectsNear.cypher's columns and the kind of subject each lists. */
const NEAR_COLUMNS: readonly [string, SubjectKind][] = [
  ['enterprises', 'Enterprise'],
  ['persons', 'Person'],
  ['platforms', 'Platform'],
  ['projects', 'Project'],
];

/** The subjects (`<Label>:<id>`) whose facts may read the touched nodes (cypher/aggregates/subjectsNear.cypher). */
export async function subjectsNear(tx: WriteRunner, ids: Record<string, Iterable<string>>): Promise<Set<string>> {
  const all = Object.entries(ids).flatMap(([label, values]) => [...new Set(values)].map((id) => [label, id] as const));
  const out = new Set<string>();
  for (let i = 0; i < all.length; i += NEAR_SLICE) {
    const lists: Record<string, string[]> = {};
    for (const [label, id] of all.slice(i, i + NEAR_SLICE)) (lists[label] ??= []).push(id);
    const record = (await tx.run(cypher('subjectsNear'), { ids: lists })).records[0];
    if (record !== undefined) addNear(out, record);
  }
  return out;
}

/** Adds the subjects of a record of subjectsNear.cypher's columns to `out`. */
function addNear(out: Set<string>, record: { get: (key: string) => unknown }): void {
  for (const [column, kind] of NEAR_COLUMNS) {
    for (const id of (record.get(column) as string[] | null) ?? []) out.add(subjectOf(kind, id));
  }
}

/**
 * Each subject's contribution as its facts make it now. `pipelined` (a transaction only: a session runs one statement
 * at a time) sends every kind's statement before reading any: the driver pipelines a transaction's statements, one
 * round trip for all.
 */
export async function currentContributions(
  tx: ReadRunner,
  subjects: readonly string[],
  pipelined = false,
): Promise<Map<string, Contribution>> {
  const byKind = new Map<SubjectKind, string[]>();
  for (const subject of subjects) {
    const { kind, id } = kindOf(subject);
    byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  }
  const out = new Map<string, Contribution>();
  const facts = (kind: SubjectKind, ids: string[]) =>
    tx.run(cypher(FACTS[kind].file), { ids, withinYears: neo4j.int(RULE_DEFAULTS.R2.withinYears) });
  const sent = pipelined ? [...byKind].map(([kind, ids]) => ({ kind, result: facts(kind, ids) })) : [];
  for (const [kind, ids] of byKind) {
    const result = await (sent.find((s) => s.kind === kind)?.result ?? facts(kind, ids));
    for (const record of result.records) {
      out.set(subjectOf(kind, record.get('id') as string), FACTS[kind].contribution(plainRow(record)));
    }
  }
  return out;
}

/** A subject's gap list entries as storeRefresh.cypher and createContributions.cypher write them. */
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
 * The counters' stripes: a delta goes to one of this many nodes of its counter (`<key>@<year>#<stripe>`; a rebuild
 * writes the stripe-less `<key>@<year>`), and every read sums a counter's nodes. Two writers that change the same
 * counter (every firm counts in the city-wide `*|*` scope) then lock different nodes: they do not wait for each other.
 */
export const STRIPES = 16;

/**
 * The stripe of the next refresh in this process: in turn, so that up to {@link STRIPES} writes in flight in one
 * process never share a counter node (a random pick would make two of them meet one time in {@link STRIPES}); from a
 * random first one, so that two processes (the API and an import command) do not start on the same.
 */
let nextStripe = randomInt(STRIPES);

/**
 * Brings the stored contributions of `subjects` to what their facts are now, and every counter and gap entry with
 * them, in `tx`: locks the subjects' Contribution nodes (created empty for a subject never counted) in a fixed
 * order, reads what they hold, computes the new contributions (cypher/aggregates/*Facts), and writes only the
 * differences (src/aggregates/contributions.ts: delta) — the counters' as deltas on one stripe
 * ({@link STRIPES}). Exact whatever was stored, as long as the stored contributions and the counters agreed before:
 * that is the invariant every write keeps. Two refreshes of one subject never overlap (the lock on its Contribution
 * is held until commit), and what the second reads is what the first committed; refreshes of different subjects run
 * side by side, and their deltas add up whatever their order.
 * @returns how many counters changed
 */
export async function refreshSubjects(tx: WriteRunner, subjects: Iterable<string>): Promise<number> {
  const all = [...new Set(subjects)].sort();
  const stripe = neo4j.int(nextStripe++ % STRIPES);
  let changed = 0;
  for (let i = 0; i < all.length; i += SLICE) {
    const slice = all.slice(i, i + SLICE);
    // The facts statements are sent behind the lock without waiting for it: Neo4j runs a transaction's statements
    // in order, so they read the facts with the Contributions locked, one round trip for all.
    const locking = tx.run(cypher('lockContributions'), { subjects: slice });
    const computing = currentContributions(tx, slice, true);
    const [read, current] = await Promise.all([locking, computing]);
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
    const sums = new Map<string, bigint>();
    const rows: (Contribution & { subject: string })[] = [];
    const gapRows: ReturnType<typeof gapRowOf>[] = [];
    for (const subject of slice) {
      const before = stored.get(subject) ?? EMPTY;
      const after = current.get(subject) ?? EMPTY;
      // A subject that adds nothing keeps no Contribution: the one the lock made is removed (storeRefresh.cypher).
      if (sameContribution(before, after) && !sameContribution(after, EMPTY)) continue;
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
    if (deltas.length + rows.length + gapRows.length > 0) {
      await tx.run(cypher('storeRefresh'), { deltas, stripe, rows, gapRows });
    }
    changed += deltas.length;
  }
  return changed;
}

/**
 * The state of the maintained aggregates (see cypher/aggregates/state.cypher), locked for the rest of `tx`: exclusively
 * (what changes the state: a rebuild's batches, a catch-up, a write that marks them stale) or shared (the upkeep of
 * a write that refreshes its own subjects: any number at once).
 */
export async function lockState(
  tx: WriteRunner,
  exclusive = true,
): Promise<{ mode: string | null; token: string | null }> {
  const record = (await tx.run(cypher('state'), { exclusive })).records[0];
  return {
    mode: (record?.get('mode') as string | null) ?? null,
    token: (record?.get('token') as string | null) ?? null,
  };
}

/**
 * The labels of the nodes many subjects' facts read through (a region's code and parents, a chain's segments, a
 * university's cooperations and consortia): a write that names one of them is upkept under the exclusive state lock
 * (see {@link beginUpkeep}).
 */
const SHARED_FACT_LABELS: ReadonlySet<string> = new Set([
  'Region',
  'IndustryChain',
  'ChainSegment',
  'University',
  'ResearchInstitute',
  'Consortium',
]);

/**
 * The statement that locks the state (shared or exclusive) and, exclusively, the existing nodes a write names, by
 * label: written per set of labels, since a label cannot be a parameter where an index must serve the match.
 * Labels are checked against the schema's first (isLabel): nothing else reaches the text. With `near`, the same
 * statement goes on to find the subjects near the named nodes (subjectsNear.cypher) once the locks are held and only
 * when the counters are kept (ready, or recording during a rebuild): one statement before the write instead of two,
 * and nothing more than the lock for a write whose upkeep is off.
 */
function lockStatement(labels: readonly string[], near: boolean): string {
  const lines: string[] = [];
  if (labels.length === 0) {
    lines.push('CALL () {', cypher('state'), '}');
  } else {
    const named = labels.map((label) => `  MATCH (n:${label}) WHERE n.id IN $ids.${label}\n  RETURN n`);
    lines.push(
      'CALL () {',
      cypher('state'),
      '}',
      'OPTIONAL CALL () {',
      named.join('\n  UNION\n'),
      '}',
      'WITH mode, token, collect(n) AS nodes',
      'CALL apoc.lock.nodes(nodes)',
    );
  }
  if (!near) return [...lines, 'RETURN mode, token'].join('\n');
  return [
    ...lines,
    'OPTIONAL CALL (mode) {',
    "  WITH mode WHERE mode IN ['ready', 'building', 'pending']",
    cypher('subjectsNear'),
    '}',
    'RETURN mode, token, enterprises, persons, platforms, projects',
  ].join('\n');
}

/** What an upkeep did: refreshed the subjects, recorded them (for a running rebuild or catch-up), marked the
 * counters stale, or nothing. */
export type UpkeepOutcome = 'refreshed' | 'recorded' | 'stale' | 'none';

/** The second half of an upkeep: to be called in the same transaction once the write is done. */
export interface Upkeep {
  /** `more`: nodes the write touched that were not known before it (a test's newly created nodes). */
  after(tx: WriteRunner, more?: Record<string, Iterable<string>>): Promise<UpkeepOutcome>;
}

/** The labels only enterprises' facts read (cypher/aggregates/enterpriseFacts.cypher; no other *Facts statement). */
const ENTERPRISE_FACTS_ONLY: ReadonlySet<string> = new Set(['AnnualReport', 'Achievement', 'Qualification']);

const NOTHING: Upkeep = { after: () => Promise.resolve('none') };

/**
 * Keeps the maintained aggregates right across a write, in the write's own transaction: call before the write, then
 * `after(tx)` once it is done. Before the write it locks the aggregates' state and the nodes the write names, and
 * finds the subjects near the touched nodes as they are before (a relationship the write removes is still there);
 * after it, the subjects near them after, and then refreshes all of them ({@link refreshSubjects}) when the counters
 * are ready — or records them while a rebuild or a catch-up runs, or marks the counters stale when the write could not
 * say what it touched or touched more than `maxSubjects`. With the counters stale or never built it does nothing.
 *
 * No global lock: writes proceed side by side, serialised only by what they share — a subject (its Contribution's
 * lock), a node (Neo4j's own locks, and the named nodes' here), a counter stripe. The state is locked shared, so a
 * rebuild or a stale mark (exclusive) waits for the writes in flight and they for it. Why that keeps every subject
 * exact, in read-committed Neo4j where a write does not see another's uncommitted change: a subject S read by two
 * concurrent writes is refreshed by both, one after the other, the second seeing the first's commit. The danger is a
 * write B whose change reaches S only through a change of an uncommitted write A (A links a firm to a platform, B
 * changes the firm's segments): B does not see that S is near, and A computes S without B's change. Both changes then
 * meet at a node of the path: a change to a node locks it, a relationship locks both ends (shared only at a dense
 * node), and the nodes a write names are locked exclusively here — so one of A and B waits for the other to commit,
 * and the later one sees the earlier one's change. Only where the path runs through a node that neither names nor
 * locks exclusively (a region's parents, a chain's segments, a university's or a consortium's members) could the
 * meeting be missed: a write naming such a node ({@link SHARED_FACT_LABELS}), or one that cannot say what it
 * touches, takes the state lock exclusively instead, alone as the global lock was, and finds its subjects under it.
 */
export async function beginUpkeep(tx: WriteRunner, touched: Touched, maxSubjects = MAX_SUBJECTS): Promise<Upkeep> {
  const ids: Record<string, string[]> = {};
  if ('ids' in touched) {
    for (const [label, values] of Object.entries(touched.ids)) {
      const list = [...new Set(values)];
      if (list.length > 0) ids[label] = list;
    }
  }
  const labels = Object.keys(ids).filter(isLabel).sort();
  const exclusive = 'unknown' in touched || labels.some((label) => SHARED_FACT_LABELS.has(label));
  // An import's ids are found in slices (subjectsNear) after the lock; a generated mutation's, with it.
  const near = !('unknown' in touched) && Object.values(ids).reduce((n, list) => n + list.length, 0) <= NEAR_SLICE;
  const record = (await tx.run(lockStatement(labels, near), { exclusive, ids })).records[0];
  const mode = (record?.get('mode') as string | null) ?? null;
  if (mode === null || mode === 'stale') return NOTHING;
  if ('unknown' in touched) {
    return {
      async after(t) {
        await t.run(cypher('markStale'));
        return 'stale';
      },
    };
  }
  let before = new Set<string>();
  if (!near) before = await subjectsNear(tx, ids);
  else if (record !== undefined) addNear(before, record);
  return {
    async after(t, more = {}) {
      const now: Record<string, string[]> = { ...ids };
      for (const [label, list] of Object.entries(more)) now[label] = [...(now[label] ?? []), ...list];
      const same = 'propertiesOnly' in touched && touched.propertiesOnly === true && Object.keys(more).length === 0;
      let subjects = same ? before : new Set([...before, ...(await subjectsNear(t, now))]);
      // A report, an achievement or a qualification is read by its enterprises' facts alone: the people, platforms
      // and projects their scopes reach (subjectsNear follows them) cannot change.
      if (Object.keys(now).every((label) => ENTERPRISE_FACTS_ONLY.has(label))) {
        subjects = new Set([...subjects].filter((subject) => subject.startsWith('Enterprise:')));
      }
      if (subjects.size > maxSubjects) {
        // The state lock is shared here: marking stale takes it exclusively, waiting for the writes in flight.
        await t.run(cypher('markStale'));
        return 'stale';
      }
      if (subjects.size === 0) return 'none';
      if (mode === 'building' || mode === 'pending') {
        await t.run(cypher('markDirty'), { subjects: [...subjects] });
        return 'recorded';
      }
      await refreshSubjects(t, subjects);
      return 'refreshed';
    },
  };
}
