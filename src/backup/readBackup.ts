import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { type BackupHeader, BackupError, FORMAT_NAME, KNOWN_VERSIONS } from './format';

/** A header line longer than this is not ours (ours is a few kB): reading stops there instead of running on. */
const MAX_HEADER_BYTES = 1_048_576;

const NEWLINE = 0x0a;

/** What a pass over a backup found: its header, and the body's checksum and length as read. */
export interface BackupScan {
  header: BackupHeader;
  sha256: string;
  bytes: number;
}

/** Reads the first two bytes: a gzip file starts with 1f 8b. */
async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Checks the first line of a backup and returns it as a header. */
export function parseHeader(line: Buffer, file: string): BackupHeader {
  const name = path.basename(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8'));
  } catch {
    throw new BackupError(`${name} is not an innovation-graph backup (its first line is not JSON)`);
  }
  const header = parsed as Partial<BackupHeader> | null;
  if (header === null || typeof header !== 'object' || header.format?.name !== FORMAT_NAME) {
    throw new BackupError(`${name} is not an innovation-graph backup (its first line does not name ${FORMAT_NAME})`);
  }
  if (!KNOWN_VERSIONS.includes(header.format.version)) {
    throw new BackupError(
      `${name} is a backup in format version ${String(header.format.version)}, which this code cannot read ` +
        `(it reads ${KNOWN_VERSIONS.join(', ')}): restore it with a newer innovation-graph`,
    );
  }
  const complete =
    typeof header.body?.sha256 === 'string' &&
    typeof header.body.bytes === 'number' &&
    Array.isArray(header.migrationLevel?.applied) &&
    typeof header.counts?.nodes === 'number' &&
    typeof header.counts.relationships === 'number' &&
    typeof header.dataVersion?.value === 'string';
  if (!complete) throw new BackupError(`${name} has an incomplete header (a field of ${FORMAT_NAME} is missing)`);
  return header as BackupHeader;
}

/**
 * One pass over a backup file: checks that it is gzip with our header, hands every body line (without its newline)
 * to `onLine` in order, awaiting it (so a slow consumer slows the reading, and memory stays bounded), and checks at
 * the end that the body's length and sha256 are the header's.
 * @throws BackupError naming what is wrong: not gzip, not our format, an unknown version, truncated, corrupt
 */
export async function scanBackup(
  file: string,
  onLine: (line: Buffer, header: BackupHeader) => void | Promise<void> = () => undefined,
): Promise<BackupScan> {
  const name = path.basename(file);
  if (!(await isGzip(file))) throw new BackupError(`${name} is not an innovation-graph backup (it is not gzip)`);
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const gunzip = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (;;) {
        const end = chunk.indexOf(NEWLINE, start);
        if (end < 0) break;
        const line =
          pending.length === 0 ? chunk.subarray(start, end) : Buffer.concat([...pending, chunk.subarray(start, end)]);
        pending = [];
        pendingBytes = 0;
        start = end + 1;
        if (header === undefined) {
          header = parseHeader(line, file);
          continue;
        }
        hash.update(line);
        hash.update('\n');
        bytes += line.length + 1;
        await onLine(line, header);
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (header === undefined && pendingBytes > MAX_HEADER_BYTES) {
          throw new BackupError(`${name} is not an innovation-graph backup (no header line in its first MiB)`);
        }
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const message = (error as Error).message;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('Z_')) throw error;
    if (header === undefined) throw new BackupError(`${name} is not an innovation-graph backup (gzip: ${message})`);
    throw new BackupError(
      `${name} is truncated or corrupt: gzip says "${message}" after ${bytes.toLocaleString('en')} of the ` +
        `${header.body.bytes.toLocaleString('en')} body bytes its header announces`,
    );
  } finally {
    gunzip.destroy();
  }
  if (header === undefined) throw new BackupError(`${name} is not an innovation-graph backup (it has no header line)`);
  if (pendingBytes > 0) {
    throw new BackupError(`${name} is truncated or corrupt (its last line has no end: ${pendingBytes} bytes)`);
  }
  const sha256 = hash.digest('hex');
  if (bytes !== header.body.bytes) {
    throw new BackupError(
      `${name} is truncated or corrupt: its body is ${bytes.toLocaleString('en')} bytes, the header says ` +
        `${header.body.bytes.toLocaleString('en')}`,
    );
  }
  if (sha256 !== header.body.sha256) {
    throw new BackupError(
      `${name} is corrupt: its body's sha256 is ${sha256}, the header says ${header.body.sha256} (the file was changed)`,
    );
  }
  return { header, sha256, bytes };
}
