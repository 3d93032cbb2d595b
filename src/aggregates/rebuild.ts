import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { readTx, runAutoCommit, writeTx, loadCypher } from '../db';
import { CONTRIBUTION_VERSION, expand } from './contributions';
import { currentContributions, DERIVED, gapRowOf, lockState, refreshSubjects } from './upkeep';

const cypher = (name: string) => loadCypher('aggregates', `${name}.cypher`);

/** Subjects per rebuild transaction: small enough to stay far below a transaction's memory, big enough to be quick. */
const BATCH = 1_000;

/** Counters per transaction at the end of a rebuild. */
const COUNTER_BATCH = 10_000;

/** A rebuild silent this long (no batch written) is taken to have died: another may take over. */
const TAKE_OVER_MINUTES = 2;

export interface RebuildResult {
  /** False when another rebuild is running (then nothing was done), or this one was overtaken (stale, another). */
  rebuilt: boolean;
  subjects: number;
  ms: number;
  reason?: string;
}

class Overtaken extends Error {}

/**
 * Builds the maintained aggregates from nothing, while the API keeps serving: the state becomes building (reads go
 * live; writes record the subjects they touch instead of refreshing them), the stored contributions, counters and gap
 * entries are deleted, every subject's contribution is read and written in batches of {@link BATCH} (each its own
 * transaction) while the counters are summed in memory (one entry per counter, not per subject), the counters are
 * written, and at the end, under the state lock, the subjects recorded meanwhile are refreshed (from what the batches
 * stored: exact whether a batch read them before or after the write) and the state becomes ready. A write that
 * marks the counters stale meanwhile, or another rebuild taking over, stops this one (its token no longer matches).
 */
export async function rebuildAggregates(
  driver: Driver,
  database: string,
  progress?: (done: number, total: number) => void,
): Promise<RebuildResult> {
  const started = Date.now();
  const token = randomUUID();
  const begin = await writeTx(driver, { database, metadata: DERIVED }, (tx) =>
    tx.run(cypher('startRebuild'), { token, takeOverMinutes: neo4j.int(TAKE_OVER_MINUTES) }),
  );
  if (begin.records[0]?.get('started') !== true) {
    return { rebuilt: false, subjects: 0, ms: Date.now() - started, reason: 'another rebuild is running' };
  }
  const stillOurs = async (tx: Parameters<typeof lockState>[0]) => {
    const state = await lockState(tx);
    if (state.mode !== 'building' || state.token !== token) throw new Overtaken(`the state is now ${state.mode}`);
    await tx.run(cypher('heartbeat'));
  };
  try {
    await runAutoCommit(driver, database, cypher('clear'), {}, DERIVED);
    const ids = await readTx(driver, { database }, async (tx) => {
      const result = await tx.run(cypher('subjectIds'));
      return result.records.map((r) => `${r.get('kind') as string}:${r.get('id') as string}`);
    });
    // Each batch's contributions are read, then written as they are; the counters are summed here and written once
    // at the end (a counter is shared by many subjects: written once, not once per batch).
    const sums = new Map<string, bigint>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const contributions = await readTx(driver, { database }, (tx) => currentContributions(tx, batch));
      const rows = [...contributions]
        .filter(([, c]) => c.scoped.length + c.explicit.length + c.gaps.length > 0)
        .map(([subject, c]) => ({ subject, ...c }));
      for (const { subject: _subject, ...c } of rows) {
        for (const [id, amount] of expand(c)) sums.set(id, (sums.get(id) ?? 0n) + amount);
      }
      const gapRows = rows.filter((row) => row.gaps.length > 0).map(({ subject, ...c }) => gapRowOf(subject, c));
      await writeTx(driver, { database, metadata: DERIVED }, async (tx) => {
        await stillOurs(tx);
        await tx.run(cypher('createContributions'), { rows, gapRows });
      });
      progress?.(Math.min(i + BATCH, ids.length), ids.length);
    }
    const counters = [...sums]
      .filter(([, value]) => value !== 0n)
      .map(([id, value]) => {
        const at = id.lastIndexOf('@');
        return { id, key: id.slice(0, at), year: neo4j.int(id.slice(at + 1)), value: neo4j.int(value.toString()) };
      });
    for (let i = 0; i < counters.length; i += COUNTER_BATCH) {
      await writeTx(driver, { database, metadata: DERIVED }, async (tx) => {
        await stillOurs(tx);
        await tx.run(cypher('createCounters'), { counters: counters.slice(i, i + COUNTER_BATCH) });
      });
    }
    await writeTx(driver, { database, metadata: DERIVED }, async (tx) => {
      await stillOurs(tx);
      const dirty = (await tx.run(cypher('dirtySubjects'))).records.map((r) => r.get('subject') as string);
      await refreshSubjects(tx, dirty);
      await tx.run(cypher('finishRebuild'), {
        token,
        ms: neo4j.int(Date.now() - started),
        version: neo4j.int(CONTRIBUTION_VERSION),
      });
    });
    return { rebuilt: true, subjects: ids.length, ms: Date.now() - started };
  } catch (error) {
    if (error instanceof Overtaken) {
      return { rebuilt: false, subjects: 0, ms: Date.now() - started, reason: error.message };
    }
    throw error;
  }
}

/**
 * The mode of the maintained aggregates (ready, building, stale), or null when they were never built; `outdated`
 * when they are ready but were built by an older {@link CONTRIBUTION_VERSION} (their counters lack what this version
 * adds: the keeper rebuilds them, and what reads the new counters goes live meanwhile).
 */
export async function aggregatesMode(driver: Driver, database: string): Promise<string | null> {
  const result = await runAutoCommit<{ mode: string | null }>(
    driver,
    database,
    `OPTIONAL MATCH (s:AggregateState {id: 'aggregates'})
     RETURN CASE WHEN s.mode = 'ready' AND coalesce(s.version, 1) < $version THEN 'outdated' ELSE s.mode END AS mode`,
    { version: neo4j.int(CONTRIBUTION_VERSION) },
  );
  return result.records[0]?.get('mode') ?? null;
}
