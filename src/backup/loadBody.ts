import neo4j, { type Driver, type Integer } from 'neo4j-driver';
import { writeTx, loadCypher } from '../db';
import { BackupError } from './format';
import { parseBodyLine } from './lines';
import { scanBackup } from './readBackup';
import { RESTORE_METADATA } from './restoreMarker';
import { decodeProperties } from './values';

const cypher = (name: string) => loadCypher('restore', `${name}.cypher`);

/** Items per restore transaction: far below a transaction's memory limit, large enough to be quick. */
export const RESTORE_BATCH = 5_000;

interface NodeRow {
  key: string;
  labels: string[];
  properties: Record<string, unknown>;
}

interface RelationshipRow {
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

/** Runs a batch statement in its own restore transaction; returns its one count column. */
async function runBatch(driver: Driver, database: string, name: string, params: Record<string, unknown>) {
  const result = await writeTx(driver, { database, metadata: RESTORE_METADATA }, (tx) => tx.run(cypher(name), params));
  const count = result.records[0]?.get(0) as Integer | undefined;
  return count === undefined ? 0 : count.toNumber();
}

/** Runs a statement that handles up to a batch of rows, again and again, until it handles none. */
export async function untilNone(driver: Driver, database: string, name: string, batch = RESTORE_BATCH) {
  let total = 0;
  for (;;) {
    const done = await runBatch(driver, database, name, { batch: neo4j.int(batch) });
    total += done;
    if (done === 0) return total;
  }
}

/**
 * Writes a backup's body into the database (after verifyBackup; the caller wiped it and holds the marker): nodes in
 * batches, each with the temporary label `__Restoring` and its key (cypher/restore/createNodes.cypher), then the
 * relationships matched by those keys. The body is read again here and its sha256 checked again at the end, so a
 * file changed since its check fails the restore (the marker stays: the next restore starts over).
 */
export async function loadBody(
  driver: Driver,
  database: string,
  file: string,
  progress: (nodes: number, relationships: number) => void = () => undefined,
): Promise<{ nodes: number; relationships: number }> {
  let nodes: NodeRow[] = [];
  let relationships: RelationshipRow[] = [];
  let created = { nodes: 0, relationships: 0 };
  const flushNodes = async () => {
    if (nodes.length === 0) return;
    const done = await runBatch(driver, database, 'createNodes', { rows: nodes });
    if (done !== nodes.length) throw new BackupError(`${nodes.length} nodes sent, ${done} created`);
    created = { ...created, nodes: created.nodes + done };
    nodes = [];
    progress(created.nodes, created.relationships);
  };
  const flushRelationships = async () => {
    if (relationships.length === 0) return;
    const done = await runBatch(driver, database, 'createRelationships', { rows: relationships });
    if (done !== relationships.length) {
      throw new BackupError(
        `${relationships.length - done} of a batch of relationships have an end the backup does not hold`,
      );
    }
    created = { ...created, relationships: created.relationships + done };
    relationships = [];
    progress(created.nodes, created.relationships);
  };
  await scanBackup(file, async (line) => {
    const parsed = parseBodyLine(line);
    if ('node' in parsed) {
      const { n, l, p } = parsed.node;
      nodes.push({ key: n, labels: l, properties: decodeProperties(p) });
      if (nodes.length >= RESTORE_BATCH) await flushNodes();
    } else {
      await flushNodes();
      const { r, s, e, p } = parsed.relationship;
      relationships.push({ type: r, start: s, end: e, properties: decodeProperties(p) });
      if (relationships.length >= RESTORE_BATCH) await flushRelationships();
    }
  });
  await flushNodes();
  await flushRelationships();
  return created;
}
