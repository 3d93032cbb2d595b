import { readFileSync } from 'node:fs';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { APP, asTxMetadata, bumpDataVersion, runAutoCommit, unrecorded, writeTx, loadCypher } from '../src/db';
import { fromRoot } from '../src/paths';
import { generateSeed } from './generate';
import { type GraphBuilder, LABELS, type Label, type Props } from './graphBuilder';
import { validateGraph } from './validateGraph';

export interface SeedSummary {
  scale: number;
  nodes: number;
  relationships: number;
  ms: number;
  /** Items (nodes + relationships) written per second. */
  rate: number;
}

export interface Progress {
  (done: number, total: number, what: string): void;
}

const BATCH = 10_000;
/**
 * Batches written at once by default. One statement runs on one Neo4j thread, so 2 could use a second core; on a busy
 * 2-core machine it gained nothing (relationships took 18 % more CPU), so 1 until it is measured on a quiet one.
 * Batches of one phase never write the same node (each node is in one batch; relationships lock their ends, and a
 * deadlock between two relationship batches is a transient error that executeWrite retries).
 */
const CONCURRENCY = 1;
/** Properties that are real numbers in the schema (Float); every other integer is stored as a Neo4j integer. */
const FLOAT_KEYS = new Set(['value']);
const DATE_KEYS = new Set(['foundedOn']);

/** A statement of cypher/seed without its comment header (so template placeholders appear only in the code). */
function cypher(name: string): string {
  return readFileSync(fromRoot('cypher', 'seed', `${name}.cypher`), 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n')
    .trim()
    .replace(/;$/, '');
}

/** JS values → driver values: whole numbers become Neo4j integers (JS numbers would be stored as floats). */
function toDriver(props: Props): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'number' && Number.isInteger(value) && !FLOAT_KEYS.has(key)) out[key] = neo4j.int(value);
    else if (DATE_KEYS.has(key) && typeof value === 'string')
      out[key] = neo4j.types.Date.fromStandardDate(new Date(`${value}T00:00:00Z`));
    else out[key] = value;
  }
  return out;
}

function label(name: string): Label {
  if (!(LABELS as readonly string[]).includes(name)) throw new Error(`seed: unknown label ${name}`);
  return name as Label;
}

/**
 * The demo city's load is not history: its facts are not changes anyone made (src/db/writeMetadata.ts). A reset is:
 * it deletes whatever the database held, perhaps a bureau's own data, so each deleted node is recorded with its
 * properties, under an AuditEvent of operation `seed --reset`.
 */
const SEED = asTxMetadata(unrecorded('seed'));
const RESET = asTxMetadata({ app: APP, operation: 'seed --reset', actor: process.env.USER ?? 'seed' });

/** True when the database holds no node of the domain (schema bookkeeping and the audit trail do not count). */
export async function databaseIsEmpty(driver: Driver, database: string): Promise<boolean> {
  const result = await runAutoCommit<{ any: boolean }>(
    driver,
    database,
    'MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:AuditEvent AND NOT n:Change AND NOT n:DataVersion ' +
      'RETURN count(n) > 0 AS any LIMIT 1',
  );
  return result.records[0]?.get('any') === false;
}

/** Deletes every domain node (in batches); migrations stay applied and the audit trail is kept. */
export async function resetDatabase(driver: Driver, database: string): Promise<void> {
  // Small batches: the trigger keeps every deleted node's properties in the same transaction.
  for (;;) {
    const deleted = await writeTx(driver, { database, metadata: RESET }, async (tx) => {
      const result = await tx.run(cypher('reset'), { batch: neo4j.int(2_000) });
      return Number(result.records[0]?.get('deleted') ?? 0);
    });
    if (deleted === 0) break;
  }
  await writeTx(driver, { database, metadata: RESET }, bumpDataVersion);
}

/**
 * Generates the demo city at `scale` and loads it (see {@link loadGraph}). Idempotent: running it again changes
 * nothing.
 */
export async function loadSeed(
  driver: Driver,
  database: string,
  options: { scale?: number; progress?: Progress; concurrency?: number } = {},
): Promise<SeedSummary> {
  const scale = options.scale ?? 1;
  const started = Date.now();
  const summary = await loadGraph(driver, database, generateSeed(scale), options.progress, options.concurrency);
  return { ...summary, scale, ms: Date.now() - started };
}

/** One batch of the seed, counted as a write (the data version) in its own transaction. */
async function writeBatch(tx: ManagedTransaction, statement: string, rows: unknown[]): Promise<void> {
  await tx.run(statement, { rows });
  await bumpDataVersion(tx);
}

/**
 * Runs `jobs` with at most `limit` running at once; rejects with the first failure (after the running ones end).
 * Written here rather than taken from p-limit: eight lines, and the project has no such dependency to add it for.
 */
async function inPool(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < jobs.length && failure === undefined) {
      const job = jobs[next++] as () => Promise<void>;
      await job().catch((error: unknown) => {
        failure ??= error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure !== undefined) throw failure;
}

/**
 * Validates every row first (nothing is written when one is invalid), then writes the graph in batches of
 * UNWIND … MERGE, all nodes before any relationship, `concurrency` batches at a time. Each batch is its own
 * transaction, so an interrupted load is finished by re-running.
 */
export async function loadGraph(
  driver: Driver,
  database: string,
  graph: GraphBuilder,
  progress?: Progress,
  concurrency = CONCURRENCY,
): Promise<SeedSummary> {
  const started = Date.now();
  validateGraph(graph);
  const { nodes, relationships } = graph.count();
  const total = nodes + relationships;
  let done = 0;
  // The seed writes in batches without upkeep of the maintained aggregates: from here on they are stale until a
  // rebuild (the seed CLI runs one; the API starts one in the background).
  await writeTx(driver, { database, metadata: SEED }, (tx) => tx.run(loadCypher('aggregates', 'markStale.cypher')));
  const nodeTemplate = cypher('upsert-nodes');
  const relTemplate = cypher('upsert-relationships');

  // A batch's rows are converted when it starts, so only the batches being written are held twice.
  const job = (statement: string, what: string, rows: () => unknown[]) => async () => {
    const batch = rows();
    await writeTx(driver, { database, metadata: SEED }, (tx) => writeBatch(tx, statement, batch));
    done += batch.length;
    progress?.(done, total, what);
  };
  const nodeJobs = [];
  for (const [name, rows] of graph.nodes) {
    const statement = nodeTemplate.replaceAll('__LABEL__', label(name));
    for (let i = 0; i < rows.length; i += BATCH) {
      nodeJobs.push(job(statement, name, () => rows.slice(i, i + BATCH).map(toDriver)));
    }
  }
  const relJobs = [];
  for (const group of graph.rels.values()) {
    if (!/^[A-Z_]+$/.test(group.type)) throw new Error(`seed: bad relationship type ${group.type}`);
    const statement = relTemplate
      .replaceAll('__TYPE__', group.type)
      .replaceAll('__FROM__', label(group.from))
      .replaceAll('__TO__', label(group.to));
    for (let i = 0; i < group.rows.length; i += BATCH) {
      relJobs.push(
        job(statement, group.type, () =>
          group.rows.slice(i, i + BATCH).map((r) => ({ from: r.from, to: r.to, props: toDriver(r.props) })),
        ),
      );
    }
  }
  await inPool(nodeJobs, concurrency);
  await inPool(relJobs, concurrency);
  const ms = Date.now() - started;
  return { scale: 1, nodes, relationships, ms, rate: Math.round((total / Math.max(ms, 1)) * 1000) };
}
