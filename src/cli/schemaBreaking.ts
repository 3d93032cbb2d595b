import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BreakingChange, buildSchema as schemaOfSdl, findBreakingChanges } from 'graphql';
import { fromRoot } from '../paths';
import { argumentsOrExit, runCommand } from './commandLine';
import { GENERATED_SCHEMA } from './schemaPrint';

/** Where each release's printed schema is kept (`<version>.graphql`, a copy of schema.generated.graphql then). */
export const RELEASED_SCHEMAS = 'docs/api';

const USAGE = `usage: npm run schema:breaking
Lists the breaking changes of ${GENERATED_SCHEMA} against the last release's schema (${RELEASED_SCHEMAS}/<version>.graphql),
as graphql-js's findBreakingChanges finds them: a removed type or field, a changed type, a new required argument.
Each must be named (by its coordinate, e.g. Query.consortiums or PartnerSuggestion.type) in the CHANGELOG's
Unreleased section, with the migration for a client.
exit codes: 0 every breaking change is in the CHANGELOG; 1 some is not; 2 usage error`;

/** One breaking change and the schema coordinate it is about (the first word of its description). */
export interface NamedBreakingChange extends BreakingChange {
  coordinate: string;
}

/** The last release's version and file: the highest `<major>.<minor>.<patch>.graphql` of docs/api. */
export function lastReleasedSchema(dir = fromRoot(RELEASED_SCHEMAS)): { version: string; file: string } {
  const versions = readdirSync(dir)
    .map((f) => /^(\d+)\.(\d+)\.(\d+)\.graphql$/.exec(f))
    .filter((m) => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || Number(a[3]) - Number(b[3]));
  const last = versions.at(-1);
  if (last === undefined) throw new Error(`${dir} holds no <version>.graphql`);
  return { version: `${last[1]}.${last[2]}.${last[3]}`, file: `${dir}/${last[0]}` };
}

/** The breaking changes from one printed schema to another (graphql-js's own comparison, not a hand-made diff). */
export function breakingChanges(oldSdl: string, newSdl: string): NamedBreakingChange[] {
  return findBreakingChanges(schemaOfSdl(oldSdl), schemaOfSdl(newSdl)).map((change) => ({
    ...change,
    coordinate: change.description.split(' ')[0]?.replace(/\.$/, '') ?? '',
  }));
}

/** The text of the CHANGELOG's Unreleased section. */
export function unreleasedNotes(changelog: string): string {
  const start = changelog.indexOf('\n## Unreleased');
  if (start < 0) return '';
  const end = changelog.indexOf('\n## ', start + 1);
  return changelog.slice(start, end < 0 ? undefined : end);
}

/** The changes whose coordinate the notes never name (as a whole word: `Query.search` is not `Query.searchAll`). */
export function unannounced(changes: readonly NamedBreakingChange[], notes: string): NamedBreakingChange[] {
  return changes.filter((c) => !new RegExp(`(^|[^\\w.])${c.coordinate.replace(/\./g, '\\.')}(?![\\w])`).test(notes));
}

function main(): number {
  const args = argumentsOrExit((argv) => {
    const { values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, strict: true });
    return { help: values.help ?? false };
  }, USAGE);
  if (typeof args === 'number') return args;
  const released = lastReleasedSchema();
  const changes = breakingChanges(
    readFileSync(released.file, 'utf8'),
    readFileSync(fromRoot(GENERATED_SCHEMA), 'utf8'),
  );
  const missing = new Set(unannounced(changes, unreleasedNotes(readFileSync(fromRoot('CHANGELOG.md'), 'utf8'))));
  for (const change of changes) console.log(`${missing.has(change) ? 'NOT IN CHANGELOG ' : ''}${change.description}`);
  console.log(`${changes.length} breaking change(s) since ${released.version}; ${missing.size} not in the CHANGELOG`);
  return missing.size === 0 ? 0 : 1;
}

if (require.main === module) runCommand(async () => Promise.resolve(main()), 'schema:breaking');
