import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeed } from '../../seed/loadSeed';
import { rebuildAggregates } from '../../src/aggregates';
import { createDriver, freePort, type LocalNeo4jInfo, migrate, startLocalNeo4j, stopLocalNeo4j } from '../../src/db';

/** A Neo4j of a test file's own and how to remove it. */
export interface SeededNeo4j {
  info: LocalNeo4jInfo;
  /** Stops it and deletes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a Neo4j of the test file's own in a temporary folder (`ig-<name>-…`) and loads the demo city at scale 1, for
 * tests whose answers count the whole database (the letter's figures, the dashboard's real county codes). With
 * `rebuild`, the maintained aggregates are rebuilt too (ready, as `npm run seed` leaves them).
 */
export async function startSeededNeo4j(name: string, { rebuild = false } = {}): Promise<SeededNeo4j> {
  const home = mkdtempSync(path.join(os.tmpdir(), `ig-${name}-`));
  const stop = async () => {
    await stopLocalNeo4j(home);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 1024, pageCacheMb: 256 });
    const driver = createDriver(info);
    try {
      await migrate(driver, 'neo4j');
      await loadSeed(driver, 'neo4j', { scale: 1 });
      if (rebuild) await rebuildAggregates(driver, 'neo4j');
    } finally {
      await driver.close();
    }
    return { info, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
