import type { Driver } from 'neo4j-driver';
import { waitForAggregates } from '../../src/aggregates';
import { aggregatesMode, rebuildAggregates } from '../../src/aggregates/rebuild';
import { DATABASE } from './testApp';

/**
 * Brings the shared database's maintained aggregates to ready: a rebuild, or, when another test file's rebuild or
 * catch-up is running, waiting for it (up to two minutes).
 */
export async function aggregatesReady(driver: Driver): Promise<void> {
  if ((await rebuildAggregates(driver, DATABASE)).rebuilt) return;
  await waitForAggregates(driver, DATABASE, { maxMs: 120_000, everyMs: 1_000 });
}

/**
 * Waits until the shared database's maintained aggregates are ready, rebuilding them only when they are not: for a
 * test that reads them between its own writes (which keep them exact), without forcing a rebuild under the other
 * test files' writes each time.
 */
export async function aggregatesReadyNow(driver: Driver): Promise<void> {
  if ((await aggregatesMode(driver, DATABASE)) !== 'ready') await aggregatesReady(driver);
}
