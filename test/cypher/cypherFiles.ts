import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The folder of our statements. */
export const CYPHER_DIR = path.resolve(__dirname, '..', '..', 'cypher');

/** A statement file under cypher/: its path parts (for loadCypher) and its name, `cypher/<dir>/<file>.cypher`. */
export interface CypherFile {
  parts: string[];
  name: string;
}

function walk(prefix: string[]): string[][] {
  return readdirSync(path.join(CYPHER_DIR, ...prefix), { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return walk([...prefix, entry.name]);
    return entry.isFile() && entry.name.endsWith('.cypher') ? [[...prefix, entry.name]] : [];
  });
}

/** Every `.cypher` file under cypher/, by name in code-unit order (not the locale's): the same order everywhere. */
export function cypherFiles(): CypherFile[] {
  return walk([])
    .map((parts) => ({ parts, name: `cypher/${parts.join('/')}` }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Migrations are applied as written (src/db/migrations.ts), never through loadCypher. */
export function isMigration(file: CypherFile): boolean {
  return file.parts[0] === 'migrations';
}
