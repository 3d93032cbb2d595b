import { loadCypher } from '../../db';
import type { Label } from '../../domain';
import type { RelWrite } from '../kinds';

/** The relationship types the importer writes (and reads the state of, to compare rows with). */
export const IMPORT_TYPES: readonly RelWrite['type'][] = [
  'LOCATED_IN',
  'HAS_REPORT',
  'HOLDS',
  'COOPERATES_WITH',
  'HOSTS',
  'SERVES',
  'UNDERTAKES',
  'ADDRESSES',
  'EMPLOYED_BY',
  'SECONDED_TO',
];

/** The names a templated import statement may be given: the labels and relationship types the importer writes. */
const LABELS: ReadonlySet<string> = new Set<Label>([
  'Enterprise',
  'AnnualReport',
  'Platform',
  'Project',
  'Person',
  'Region',
  'Qualification',
  'University',
  'ResearchInstitute',
  'IndustryChain',
]);
const TYPES = new Set<string>(IMPORT_TYPES);

function checked(name: string, allowed: ReadonlySet<string>): string {
  // A batch record read back for undo is data: a name outside the importer's own is a corrupted record, not Cypher.
  if (!allowed.has(name)) throw new Error(`import: ${JSON.stringify(name)} is no label or type the importer writes`);
  return name;
}

/** A statement of cypher/import/ (header comments kept: Neo4j ignores them). */
export function importCypher(name: string): string {
  return loadCypher('import', `${name}.cypher`);
}

/**
 * A templated statement of cypher/import/ with its placeholders filled: `__LABEL__`, `__FROM__`, `__TYPE__` and
 * `__TO__` only with the importer's own labels and types (checked), `__SET__` with `+=` or `=`.
 */
export function templated(
  name: string,
  fill: { label?: string; from?: string; type?: string; to?: string; set?: '+=' | '=' },
): string {
  let text = importCypher(name);
  if (fill.label !== undefined) text = text.replaceAll('__LABEL__', checked(fill.label, LABELS));
  if (fill.from !== undefined) text = text.replaceAll('__FROM__', checked(fill.from, LABELS));
  if (fill.type !== undefined) text = text.replaceAll('__TYPE__', checked(fill.type, TYPES));
  if (fill.to !== undefined) text = text.replaceAll('__TO__', checked(fill.to, LABELS));
  if (fill.set !== undefined) text = text.replaceAll('__SET__', fill.set);
  return text;
}
