import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import neo4j, { type Driver, type Integer, Neo4jError } from 'neo4j-driver';
import { asTxMetadata, unrecorded, loadCypher } from '../db';
import { type BackupHeader, BackupError, EXCLUDED_LABELS, FORMAT_NAME, FORMAT_VERSION } from './format';
import { encodeProperties } from './values';

const cypher = (name: string) => loadCypher('backup', `${name}.cypher`);

/** Records the driver pulls from Neo4j at a time while it streams the graph out (its default is 1,000). */
const FETCH_SIZE = 5_000;

export interface BackupOptions {
  /** The lock transaction's timeout: the whole backup must fit in it (writes wait meanwhile). */
  timeoutMs: number;
  /** Called every {@link FETCH_SIZE} items written, and at the end. */
  progress?: (items: number) => void;
}

export interface BackupSummary {
  file: string;
  header: BackupHeader;
  /** The size of the file (compressed). */
  fileBytes: number;
  ms: number;
  /** How long the lock (and so every writer) was held. */
  lockMs: number;
}

/** Writes `chunk` to `stream`, waiting when its buffer is full (bounded memory however big the graph). */
async function put(stream: NodeJS.WritableStream, chunk: Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Whether the lock transaction failed by its timeout: Neo4j says so with a TransactionTimedOut code while the
 * transaction runs, but a transaction still waiting for the lock is stopped with a Terminated or LockClientStopped
 * code instead, so the time spent counts too.
 */
const isTimeout = (error: unknown, elapsedMs: number, timeoutMs: number): boolean =>
  error instanceof Neo4jError &&
  (/TransactionTimedOut/.test(error.code) ||
    (/Terminated|LockClientStopped/.test(error.code) && elapsedMs >= timeoutMs * 0.9));

/**
 * Writes the graph of `database` at one commit point to `file` (docs/backup-format.md): one write transaction takes
 * the data version's lock without changing it (cypher/backup/lock.cypher), so no write of ours can commit until it
 * ends; the same transaction streams every node and relationship out, and is rolled back. Reading in the lock's own
 * transaction (not in read transactions beside it) keeps the copy exact on a cluster too, where a read could reach a
 * member that is behind. The body goes gzipped to `<file>.body.partial` while it is hashed; then the header (with the
 * body's sha256) and the body are written to `<file>.partial`, renamed to `file` at the end: `file` is whole or absent.
 * @throws BackupError when the lock transaction times out, a restore is in progress, or the database was never migrated
 */
export async function backupGraph(
  driver: Driver,
  database: string,
  file: string,
  options: BackupOptions,
): Promise<BackupSummary> {
  const started = Date.now();
  const partial = `${file}.partial`;
  const bodyFile = `${file}.body.partial`;
  const counts: BackupHeader['counts'] = { nodes: 0, relationships: 0, labels: {}, types: {} };
  const hash = createHash('sha256');
  let bytes = 0;
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE, fetchSize: FETCH_SIZE });
  const tx = session.beginTransaction({
    timeout: options.timeoutMs,
    metadata: asTxMetadata(unrecorded('backup')),
  });
  let lockMs = 0;
  try {
    const lockedAt = Date.now();
    const lock = await tx.run<{ epoch: string; value: Integer; restoring: boolean }>(cypher('lock'));
    const version = lock.records[0];
    if (version === undefined) {
      throw new BackupError('the database has no data version node (migration 0008): run npm run migrate first');
    }
    if (version.get('restoring')) {
      throw new BackupError('a restore is in progress or was interrupted: finish it (npm run restore) first');
    }
    const about = (await tx.run<{ neo4jVersion: string; migrations: string[] }>(cypher('about'))).records[0];
    const migrations = about?.get('migrations') ?? [];

    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(bodyFile));
    const line = async (value: unknown): Promise<void> => {
      const chunk = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
      hash.update(chunk);
      bytes += chunk.length;
      await put(gzip, chunk);
      const items = counts.nodes + counts.relationships;
      if (items % FETCH_SIZE === 0) options.progress?.(items);
    };
    const excluded = [...EXCLUDED_LABELS];
    for await (const record of tx.run(cypher('nodes'), { excluded })) {
      const labels = record.get('labels') as string[];
      counts.nodes += 1;
      for (const label of labels) counts.labels[label] = (counts.labels[label] ?? 0) + 1;
      await line({ n: record.get('key'), l: labels, p: encodeProperties(record.get('properties')) });
    }
    for await (const record of tx.run(cypher('relationships'), { excluded })) {
      const type = record.get('type') as string;
      counts.relationships += 1;
      counts.types[type] = (counts.types[type] ?? 0) + 1;
      await line({
        r: type,
        s: record.get('start'),
        e: record.get('end'),
        p: encodeProperties(record.get('properties')),
      });
    }
    gzip.end();
    await written;
    await tx.rollback();
    lockMs = Date.now() - lockedAt;
    options.progress?.(counts.nodes + counts.relationships);

    const header: BackupHeader = {
      format: { name: FORMAT_NAME, version: FORMAT_VERSION },
      createdAt: new Date().toISOString(),
      database,
      neo4jVersion: about?.get('neo4jVersion') ?? 'unknown',
      migrationLevel: { applied: migrations, newest: migrations[migrations.length - 1] ?? null },
      dataVersion: { epoch: version.get('epoch'), value: version.get('value').toString() },
      counts,
      body: { sha256: hash.digest('hex'), bytes },
    };
    // Two gzip members, the header's then the body's: one gzip stream to any reader (RFC 1952, 2.2).
    await writeFile(partial, gzipSync(`${JSON.stringify(header)}\n`));
    await pipeline(createReadStream(bodyFile), createWriteStream(partial, { flags: 'a' }));
    await rename(partial, file);
    return { file, header, fileBytes: (await stat(file)).size, ms: Date.now() - started, lockMs };
  } catch (error) {
    if (tx.isOpen()) await tx.rollback().catch(() => undefined);
    await rm(partial, { force: true });
    if (isTimeout(error, Date.now() - started, options.timeoutMs)) {
      throw new BackupError(
        `the backup did not finish within its ${Math.round(options.timeoutMs / 1000)} s timeout (writes wait while ` +
          `it runs, so it is bounded): nothing was written to ${file}; give a longer --timeout-s`,
      );
    }
    throw error;
  } finally {
    await rm(bodyFile, { force: true });
    await session.close();
  }
}
