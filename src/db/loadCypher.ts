import { readFileSync } from 'node:fs';
import { CYPHER_CONSTANTS } from '../domain';
import { fromRoot } from '../paths';

const cache = new Map<string, string>();

/** `// #include shared/name` on a line of its own (any indentation); the name is a path under `cypher/`. */
const INCLUDE = /^([ \t]*)\/\/ #include ([\w-]+(?:\/[\w-]+)*)(?:\.cypher)?[ \t]*$/;

/**
 * Replaces every `// #include <name>` line of a statement with the text of `cypher/<name>.cypher`, indented like
 * the directive, recursively. The included file's leading `//` lines (its header, up to a first `#include`) are left out: they document the
 * snippet, not the statement. This is how a definition that several statements share (a chain's enterprises, a
 * lab partner, ...) is written once, in `cypher/shared/`, and still reaches each statement as plain Cypher.
 * @param read returns the raw text of `cypher/<name>.cypher` (throws when there is none)
 * @param from the name of the text being expanded, for error messages
 * @throws on an include cycle or an unreadable include, naming the chain of files
 */
export function expandIncludes(text: string, read: (name: string) => string, from = '<statement>'): string {
  return expand(text, read, [from]);
}

function expand(text: string, read: (name: string) => string, stack: string[]): string {
  return text
    .split('\n')
    .map((line) => {
      const match = INCLUDE.exec(line);
      if (match === null) return line;
      const indent = match[1] ?? '';
      const name = match[2] ?? '';
      if (stack.includes(name)) throw new Error(`#include cycle: ${[...stack, name].join(' -> ')}`);
      let raw: string;
      try {
        raw = read(name);
      } catch (error) {
        throw new Error(`${stack[stack.length - 1]}: cannot #include ${name}: ${(error as Error).message}`);
      }
      const lines = raw.replace(/\s+$/, '').split('\n');
      const firstBody = lines.findIndex((l) => !/^\s*\/\//.test(l) || INCLUDE.test(l));
      const body = expand(lines.slice(firstBody < 0 ? lines.length : firstBody).join('\n'), read, [...stack, name]);
      return body
        .split('\n')
        .map((l) => (l === '' ? l : indent + l))
        .join('\n');
    })
    .join('\n');
}

/** `{{NAME}}`: a constant of the domain written into a statement (CYPHER_CONSTANTS in src/domain). */
const CONSTANT = /\{\{\s*([A-Z][A-Z0-9_]*)\s*\}\}/g;

/**
 * Writes each `{{NAME}}` of `text` as the literal of CYPHER_CONSTANTS[NAME]: a rule default or a kind list that
 * TypeScript also uses is then written once. Hand-written rather than a template library: the only syntax is this
 * one token, and an unknown name must fail at load time, naming the file.
 * @throws on a name that is not a constant
 */
export function writeConstants(text: string, from = '<statement>'): string {
  return text.replace(CONSTANT, (_, name: string) => {
    const value = CYPHER_CONSTANTS[name];
    if (value === undefined) throw new Error(`${from}: {{${name}}} is not a constant of CYPHER_CONSTANTS (src/domain)`);
    return value;
  });
}

/** The raw text of `cypher/<name>.cypher`. */
function readSnippet(name: string): string {
  return readFileSync(fromRoot('cypher', ...`${name}.cypher`.split('/')), 'utf8');
}

/**
 * The text of a statement under `cypher/`, e.g. `loadCypher('metrics', 'platforms.cypher')`, with its
 * `// #include` lines expanded (see {@link expandIncludes}). Each file is read on first use and kept: statements
 * are fixed at build time, and reading lazily keeps importing a module side-effect free. A missing file throws at
 * once, naming the path (a programmer error, not a client's).
 */
export function loadCypher(...parts: string[]): string {
  const file = fromRoot('cypher', ...parts);
  let text = cache.get(file);
  if (text === undefined) {
    text = writeConstants(expandIncludes(readFileSync(file, 'utf8'), readSnippet, parts.join('/')), parts.join('/'));
    cache.set(file, text);
  }
  return text;
}
