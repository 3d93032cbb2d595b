import { randomUUID } from 'node:crypto';
import path from 'node:path';
import neo4j, { type Driver, type Integer } from 'neo4j-driver';
import { rebuildAggregates } from '../aggregates';
import { migrate, readTx, writeTx, loadCypher } from '../db';
import { type BackupHeader, BackupError, EXCLUDED_LABELS } from './format';
import { loadBody, untilNone } from './loadBody';
import { RESTORE_METADATA, restoreMarker, writeRestoreMarker } from './restoreMarker';
import { verifyBackup } from './verifyBackup';

const cypher = (name: string) => loadCypher('restore', `${name}.cypher`);

export interface RestoreOptions {
  /** Delete the data a non-empty database holds (after `confirm`). */
  replace: boolean;
  /** Asked before a non-empty database is replaced; false refuses. */
  confirm: (nodes: number) => Promise<boolean>;
  /** A line for the person watching (the CLI prints it). */
  log: (line: string) => void;
  /** Where this code's migrations are (tests point elsewhere). */
  migrationsDir?: string;
  /** The file's header when the caller verified it already (verifyBackup), so that it is not read twice. */
  verified?: BackupHeader;
}

export interface RestoreSummary {
  header: BackupHeader;
  nodes: number;
  relationships: number;
  /** An interrupted restore's marker was found and its writes wiped first. */
  resumed: boolean;
  /** The whole restore, the body's load alone, the aggregates' rebuild alone. */
  ms: number;
  loadMs: number;
  aggregatesMs: number;
  dataVersion: { epoch: string; value: string };
}

/** Runs one schema command (auto-commit, as schema commands must be) with the restore's metadata. */
async function schemaCommand(driver: Driver, database: string, statement: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run(statement, {}, { metadata: RESTORE_METADATA });
    await session.run('CALL db.awaitIndexes(300)', {}, { metadata: RESTORE_METADATA });
  } finally {
    await session.close();
  }
}

/** The maintained aggregates rebuilt from the restored graph; another rebuild running is waited for (it is taken
 *  over after 2 minutes without a sign of life: src/aggregates/rebuild.ts). */
async function rebuild(driver: Driver, database: string, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  for (let attempt = 1; attempt <= 40; attempt++) {
    const result = await rebuildAggregates(driver, database);
    if (result.rebuilt) return Date.now() - started;
    log(`maintained aggregates: not rebuilt yet (${result.reason ?? 'unknown'}); trying again in 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  log('maintained aggregates: not rebuilt; reads stay live until `npm run aggregates -- --rebuild`');
  return Date.now() - started;
}

/**
 * Restores a backup into `database` (README, "Backups"): verifies the whole file first, writing nothing; refuses a
 * database that holds data unless `replace` (and `confirm`); writes and commits a marker (the API reports not ready
 * while it exists), wipes the graph (an interrupted restore's writes too), loads the body in batches, applies the
 * migrations newer than the backup's, rebuilds the maintained aggregates, and in its last transaction moves the data
 * version to a new epoch past its old value and deletes the marker. Killed at any point, it leaves the marker: the
 * next restore starts over. Every transaction of its own carries `unrecorded('restore')` metadata.
 * @throws BackupError for a file or a database it refuses (nothing written)
 */
export async function restoreGraph(
  driver: Driver,
  database: string,
  file: string,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const started = Date.now();
  const header = options.verified ?? (await verifyBackup(file, options.migrationsDir));
  options.log(
    `verified ${path.basename(file)}: ${header.counts.nodes.toLocaleString('en')} nodes, ` +
      `${header.counts.relationships.toLocaleString('en')} relationships, taken ${header.createdAt} at data ` +
      `version ${header.dataVersion.value}, migration ${header.migrationLevel.newest ?? 'none'}`,
  );
  const marker = await restoreMarker(driver, database);
  if (marker !== null) {
    options.log(
      `a restore of ${marker.file} started ${marker.startedAt} did not finish: wiping what it wrote and starting over`,
    );
  } else {
    const occupied = await readTx(driver, { database }, (tx) =>
      tx.run(cypher('occupied'), { derived: [...EXCLUDED_LABELS] }),
    );
    const nodes = (occupied.records[0]?.get('nodes') as Integer).toNumber();
    if (nodes > 0 && !options.replace) {
      throw new BackupError(
        `the database holds ${nodes.toLocaleString('en')} nodes: restore into an empty database, or pass --replace ` +
          'to delete them first',
      );
    }
    if (nodes > 0 && !(await options.confirm(nodes))) throw new BackupError('not confirmed: nothing was changed');
  }

  const before = await readTx(driver, { database }, (tx) => tx.run(loadCypher('version', 'read.cypher')));
  const oldValue = (before.records[0]?.get('value') as Integer | null) ?? neo4j.int(0);
  await writeRestoreMarker(driver, database, path.resolve(file), header.body.sha256);
  options.log('marker written: the database reports not ready until the restore ends');
  const wiped =
    (await untilNone(driver, database, 'wipeRelationships', 10_000)) + (await untilNone(driver, database, 'wipeNodes'));
  if (wiped > 0) options.log(`wiped ${wiped.toLocaleString('en')} nodes and relationships`);

  await schemaCommand(driver, database, cypher('createKeyIndex'));
  const loadStarted = Date.now();
  let shown = -1;
  const total = header.counts.nodes + header.counts.relationships;
  const loaded = await loadBody(driver, database, file, (nodes, relationships) => {
    const decile = Math.floor(((nodes + relationships) / Math.max(total, 1)) * 10);
    if (decile === shown) return;
    shown = decile;
    options.log(`loaded ${nodes.toLocaleString('en')} nodes, ${relationships.toLocaleString('en')} relationships`);
  });
  await untilNone(driver, database, 'unmark', 10_000);
  await schemaCommand(driver, database, cypher('dropKeyIndex'));
  const loadMs = Date.now() - loadStarted;

  await writeTx(driver, { database, metadata: RESTORE_METADATA }, (tx) =>
    tx.run(cypher('forgetMigrations'), { applied: header.migrationLevel.applied }),
  );
  const applied = await migrate(driver, database, options.migrationsDir);
  if (applied.length > 0) options.log(`migrations applied: ${applied.join(', ')}`);
  const aggregatesMs = await rebuild(driver, database, options.log);

  const dataVersion = { epoch: randomUUID(), value: oldValue.add(1) };
  await writeTx(driver, { database, metadata: RESTORE_METADATA }, (tx) => tx.run(cypher('finish'), dataVersion));
  return {
    header,
    ...loaded,
    resumed: marker !== null,
    ms: Date.now() - started,
    loadMs,
    aggregatesMs,
    dataVersion: { epoch: dataVersion.epoch, value: dataVersion.value.toString() },
  };
}
