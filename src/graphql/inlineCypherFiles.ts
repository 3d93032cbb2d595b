import { loadCypher } from '../db';

/** `#file:gaps/x.cypher`: a path under `cypher/` made of word characters and dashes (no `..`, no absolute path). */
const FILE = /#file:([\w-]+(?:\/[\w-]+)*\.cypher)/;

/** {@link FILE} as a whole GraphQL string, so an SDL file can only point into `cypher/`. */
const PLACEHOLDER = new RegExp(`"${FILE.source}"`, 'g');

/** The path under `cypher/` that a string value such as `#file:gaps/x.cypher` names, or undefined for any other. */
export function cypherFilePlaceholder(value: string): string | undefined {
  return new RegExp(`^${FILE.source}$`).exec(value)?.[1];
}

/**
 * Replaces every `"#file:<path>"` string of an SDL text (e.g. in `@cypher(statement: "#file:gaps/x.cypher", ...)`)
 * with the statement of `cypher/<path>`, its `// #include` lines expanded, as a GraphQL string literal. The house
 * rule is no Cypher inlined in SDL: the statement stays in a `.cypher` file that can be read, tested and profiled
 * on its own, while @neo4j/graphql still sees an ordinary `@cypher` field and resolves every nested selection.
 * A JSON string is a valid GraphQL string (the same escapes; newlines become `\n`).
 * @throws when a referenced file does not exist, naming it (a programmer error, caught at schema build)
 */
export function inlineCypherFiles(sdl: string): string {
  return sdl.replace(PLACEHOLDER, (_match, file: string) => JSON.stringify(loadCypher(...file.split('/'))));
}
