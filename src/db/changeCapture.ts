import type { Driver } from 'neo4j-driver';
import { loadCypher } from './loadCypher';

/** The name of the APOC trigger that records the change history (cypher/history/capture.cypher). */
export const CHANGE_TRIGGER = 'changeHistory';

/**
 * Labels whose nodes are not history: the records themselves (audit events, changes, import batches), derived data
 * (the maintained aggregates, the data version), locks and bookkeeping. Labels starting with `__` are left out too.
 */
export const UNRECORDED_LABELS: readonly string[] = [
  'AuditEvent',
  'Change',
  'ImportBatch',
  'ImportLock',
  'DataVersion',
  'SchemaMigration',
  'Contribution',
  'Aggregate',
  'GapEntry',
  'AggregateState',
  'DirtySubject',
  'RestoreInProgress',
];

/** Relationship types that are records, not facts: an import's links to its batch (what undo reads). */
export const UNRECORDED_TYPES: readonly string[] = ['IMPORTED_IN'];

/** A Neo4j that cannot record the change history: the message says what to set. */
export class ChangeCaptureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeCaptureError';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes sure the change-history trigger of `database` is the one this code ships, and running. It is installed once
 * (in the system database, where APOC keeps triggers) and re-installed only when cypher/history/capture.cypher or
 * the unrecorded labels change; APOC loads it within `apoc.trigger.refresh` ms (the local launcher: 500 ms; Neo4j's
 * default: 60 s), which this waits for, so no write after it goes unrecorded. Needs APOC core with
 * `apoc.trigger.enabled=true` and a user allowed to write the system database.
 */
export async function ensureChangeCapture(driver: Driver, database: string, waitMs = 120_000): Promise<void> {
  const statement = loadCypher('history', 'capture.cypher');
  const params = { excludedLabels: [...UNRECORDED_LABELS], excludedTypes: [...UNRECORDED_TYPES] };
  const installed = async (where: 'system' | 'database'): Promise<boolean> => {
    // The system database takes CALL … YIELD … RETURN only: the trigger is picked out here.
    const result = await driver.executeQuery(
      where === 'system'
        ? 'CALL apoc.trigger.show($database) YIELD name, query, params, paused RETURN name, query, params, paused'
        : 'CALL apoc.trigger.list() YIELD name, query, params, paused RETURN name, query, params, paused',
      { database },
      { database: where === 'system' ? 'system' : database },
    );
    const found = result.records.find((record) => record.get('name') === CHANGE_TRIGGER);
    return (
      found !== undefined &&
      found.get('query') === statement &&
      found.get('paused') === false &&
      JSON.stringify(found.get('params')?.excludedLabels) === JSON.stringify(params.excludedLabels) &&
      JSON.stringify(found.get('params')?.excludedTypes) === JSON.stringify(params.excludedTypes)
    );
  };
  try {
    if (!(await installed('system'))) {
      await driver.executeQuery(
        "CALL apoc.trigger.install($database, $name, $statement, {phase: 'before'}, {params: $params})",
        { database, name: CHANGE_TRIGGER, statement, params },
        { database: 'system' },
      );
    }
  } catch (error) {
    const message = (error as Error).message;
    if (/Triggers have not been enabled/i.test(message)) {
      throw new ChangeCaptureError(
        'the change history needs APOC triggers, which this Neo4j has off: set apoc.trigger.enabled=true in its ' +
          'apoc.conf (Docker: the environment variable APOC_TRIGGER_ENABLED=true) and restart it',
      );
    }
    if (/no procedure with the name `apoc\.trigger/i.test(message)) {
      throw new ChangeCaptureError('the change history needs APOC core 5.x (apoc.trigger.install) on this Neo4j');
    }
    throw error;
  }
  const deadline = Date.now() + waitMs;
  while (!(await installed('database'))) {
    if (Date.now() > deadline) {
      throw new ChangeCaptureError(
        `the change-history trigger was installed but did not start within ${waitMs / 1000} s ` +
          '(apoc.trigger.refresh is longer?)',
      );
    }
    await sleep(200);
  }
}
