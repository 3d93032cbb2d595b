import path from 'node:path';
import { loadMigrations } from '../db';
import { type BackupHeader, BackupError } from './format';
import { parseBodyLine } from './lines';
import { scanBackup } from './readBackup';
import { decodeProperties, ValueError } from './values';

const add = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** The counts of a header, compared key by key: the first difference, or null. */
function firstDifference(header: BackupHeader['counts'], found: BackupHeader['counts']): string | null {
  if (header.nodes !== found.nodes) return `${found.nodes} nodes, the header says ${header.nodes}`;
  if (header.relationships !== found.relationships) {
    return `${found.relationships} relationships, the header says ${header.relationships}`;
  }
  for (const [what, a, b] of [
    ['label', header.labels, found.labels],
    ['type', header.types, found.types],
  ] as const) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if ((a[key] ?? 0) !== (b[key] ?? 0)) return `${b[key] ?? 0} of ${what} ${key}, the header says ${a[key] ?? 0}`;
    }
  }
  return null;
}

/**
 * Reads a whole backup without writing anything: gzip, our header and a known format version, every line a node or
 * a relationship (nodes first) with values of ours, the counts and the body's length and sha256 those of the header,
 * and no migration newer than this code's (each named in cypher/migrations).
 * @param migrationsDir where this code's migrations are (tests point elsewhere)
 * @throws BackupError naming the first problem found
 */
export async function verifyBackup(file: string, migrationsDir?: string): Promise<BackupHeader> {
  const name = path.basename(file);
  const found: BackupHeader['counts'] = { nodes: 0, relationships: 0, labels: {}, types: {} };
  let lineNumber = 1;
  const scan = await scanBackup(file, (line) => {
    lineNumber += 1;
    try {
      const parsed = parseBodyLine(line);
      if ('node' in parsed) {
        if (found.relationships > 0) throw new ValueError('a node after the relationships');
        found.nodes += 1;
        for (const label of parsed.node.l) add(found.labels, label);
        decodeProperties(parsed.node.p);
      } else {
        found.relationships += 1;
        add(found.types, parsed.relationship.r);
        decodeProperties(parsed.relationship.p);
      }
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      throw new BackupError(`${name} is corrupt: line ${lineNumber}: ${error.message}`);
    }
  });
  const { header } = scan;
  const difference = firstDifference(header.counts, found);
  if (difference !== null) throw new BackupError(`${name} is corrupt: its body has ${difference}`);
  const known = new Set(loadMigrations(migrationsDir).map((m) => m.name));
  const unknown = header.migrationLevel.applied.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw new BackupError(
      `${name} comes from a database with migration ${unknown.join(', ')}, which this code does not have ` +
        '(cypher/migrations): restore it with the version of innovation-graph it was taken with, or a newer one',
    );
  }
  return header;
}
