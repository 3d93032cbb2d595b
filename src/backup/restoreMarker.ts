import type { Driver } from 'neo4j-driver';
import { asTxMetadata, readTx, unrecorded, writeTx, loadCypher } from '../db';

/** The marker a restore writes first and deletes last (cypher/restore/start.cypher). */
export interface RestoreMarker {
  file: string;
  sha256: string;
  startedAt: string;
}

/** What every restore transaction tells the change-history trigger: nothing here is a change made by anyone. */
export const RESTORE_METADATA = asTxMetadata(unrecorded('restore'));

/** The marker of a restore running or interrupted, or null. */
export async function restoreMarker(driver: Driver, database: string): Promise<RestoreMarker | null> {
  const result = await readTx(driver, { database }, (tx) => tx.run(loadCypher('restore', 'marker.cypher')));
  const record = result.records[0];
  if (record === undefined) return null;
  return { file: record.get('file'), sha256: record.get('sha256'), startedAt: record.get('startedAt') };
}

/** Writes and commits the marker: from here until it is deleted, the database is not ready (src/db/health.ts). */
export async function writeRestoreMarker(driver: Driver, database: string, file: string, sha256: string) {
  await writeTx(driver, { database, metadata: RESTORE_METADATA }, (tx) =>
    tx.run(loadCypher('restore', 'start.cypher'), { file, sha256 }),
  );
}
