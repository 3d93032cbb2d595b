import { readFileSync } from 'node:fs';
import { fromRoot } from '../paths';

const cache = new Map<string, string>();

/**
 * The text of a statement under `cypher/`, e.g. `loadCypher('metrics', 'platforms.cypher')`. Each file is read on
 * first use and kept: statements are fixed at build time, and reading lazily keeps importing a module side-effect
 * free. A missing file throws at once, naming the path (a programmer error, not a client's).
 */
export function loadCypher(...parts: string[]): string {
  const file = fromRoot('cypher', ...parts);
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text;
}
