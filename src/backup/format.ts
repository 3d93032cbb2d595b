import type { EncodedValue } from './values';

/** The name and version in every backup's header (docs/backup-format.md); a restore knows these versions only. */
export const FORMAT_NAME = 'innovation-graph-backup';
export const FORMAT_VERSION = 1;
export const KNOWN_VERSIONS: readonly number[] = [1];

/**
 * Labels left out of a backup: data a restore rebuilds (the maintained aggregates, the data version), locks and
 * bookkeeping (migrations are recorded in the header instead), and a restore's own marker. Labels starting with `__`
 * (temporary, a restore's `__Restoring`) are left out too. A relationship is kept when both its ends are.
 */
export const EXCLUDED_LABELS: readonly string[] = [
  'Contribution',
  'Aggregate',
  'GapEntry',
  'AggregateState',
  'DirtySubject',
  'DataVersion',
  'ImportLock',
  'SchemaMigration',
  'RestoreInProgress',
];

/** What a backup file says about itself, on its first line. */
export interface BackupHeader {
  format: { name: string; version: number };
  createdAt: string;
  database: string;
  neo4jVersion: string;
  /** The migrations the database had (their names), and the newest of them. */
  migrationLevel: { applied: string[]; newest: string | null };
  /** The data version at the commit point the backup shows (cypher/version/). */
  dataVersion: { epoch: string; value: string };
  counts: {
    nodes: number;
    relationships: number;
    labels: Record<string, number>;
    types: Record<string, number>;
  };
  /** The body: every line after the header, uncompressed. */
  body: { sha256: string; bytes: number };
}

/** A node line: its key in this file, its labels, its properties. */
export interface NodeLine {
  n: string;
  l: string[];
  p: Record<string, EncodedValue>;
}

/** A relationship line: its type, the keys of its start and end nodes, its properties. */
export interface RelationshipLine {
  r: string;
  s: string;
  e: string;
  p: Record<string, EncodedValue>;
}

/** A refusal a person can act on (exit 1): a file that is not a backup, a database that is not empty, … */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
