import neo4j, { type Driver } from 'neo4j-driver';
import { writeTx, loadCypher } from '../db';
import { DERIVED, lockState, refreshSubjects } from './upkeep';

const cypher = (name: string) => loadCypher('aggregates', `${name}.cypher`);

/** Subjects refreshed per catch-up transaction (each holds the state lock while it runs). */
const BATCH = 200;

/**
 * Brings pending aggregates (a large write recorded its subjects instead of refreshing them) back to ready: takes the
 * recorded subjects in batches, each refreshed in its own short transaction under the state lock, and says ready once
 * none is left. Writes meanwhile record theirs, so the loop ends only when it has caught up with them.
 * @returns how many subjects it refreshed; 0 when the aggregates were not pending
 */
export async function catchUpAggregates(driver: Driver, database: string): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const done = await writeTx(driver, { database, metadata: DERIVED }, async (tx) => {
      const state = await lockState(tx);
      if (state.mode !== 'pending') return true;
      const taken = await tx.run(cypher('takeDirty'), { limit: neo4j.int(BATCH) });
      const subjects = taken.records.map((r) => r.get('subject') as string);
      if (subjects.length > 0) await refreshSubjects(tx, subjects);
      refreshed += subjects.length;
      if (subjects.length < BATCH) {
        await tx.run(cypher('markReady'));
        return true;
      }
      return false;
    });
    if (done) return refreshed;
  }
}
