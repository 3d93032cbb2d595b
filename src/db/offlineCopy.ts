import { cpSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { LocalNeo4jError, passwordFile } from './localNeo4j';

/** What the launcher writes next to the store that a copy must not carry (its pid and log belong to one run). */
const RUN_FILES = new Set(['launcher.json', 'launcher.log']);

/** True when `dir` holds a local Neo4j's data folder: its store and its password. */
export function isDataFolder(dir: string): boolean {
  return existsSync(path.join(dir, 'data', 'databases', 'neo4j')) && existsSync(passwordFile(dir));
}

/**
 * Copies the local Neo4j's data folder `home` to `out`, which must not exist. The database must be stopped (the
 * caller stops and restarts it): a store copied while Neo4j writes to it is not consistent. The copy is exact (every
 * store file, the transaction log, the password file) and is loaded back with {@link replaceDataFolder}.
 */
export function copyDataFolder(home: string, out: string): void {
  if (!isDataFolder(home)) throw new LocalNeo4jError(`${home} holds no local Neo4j data folder to copy`);
  if (existsSync(out)) throw new LocalNeo4jError(`${out} exists already: name a new folder for the copy`);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  cpSync(home, out, { recursive: true, filter: (source) => !RUN_FILES.has(path.relative(home, source)) });
}

/**
 * Puts the copy `from` in place of the data folder `home` (stopped): the current folder is kept, renamed to
 * `<home>.replaced-<time>`, and returned, so nothing is lost if the copy was the wrong one.
 */
export function replaceDataFolder(home: string, from: string): string | null {
  if (!isDataFolder(from)) {
    throw new LocalNeo4jError(
      `${from} is not a copy of a local Neo4j data folder (no data/databases/neo4j or password)`,
    );
  }
  let kept: string | null = null;
  if (existsSync(home)) {
    kept = `${home}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(home, kept);
  }
  cpSync(from, home, { recursive: true });
  return kept;
}
