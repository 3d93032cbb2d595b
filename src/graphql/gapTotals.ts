import {
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeExtensionNode,
  parse,
  print,
  type StringValueNode,
} from 'graphql';
import { loadCypher } from '../db';
import { cypherFilePlaceholder } from './inlineCypherFiles';

/** The name of a gap list's total field: `enterprisesWithoutConsortium` → `enterprisesWithoutConsortiumTotal`. */
export const totalFieldOf = (list: string): string => `${list}Total`;

/** The paging arguments of a gap list, which its total does not take. */
const PAGING = new Set(['limit', 'offset']);

/**
 * A bound no list reaches (the largest LIMIT Cypher takes, 2^63 − 1): `$offset + $limit` becomes `0 + ALL_ROWS`, so
 * the statement's own cut keeps every row.
 */
const ALL_ROWS = '9223372036854775807';

/** The column of a total's statement. */
const COLUMN = 'total';

/**
 * The statement of a gap list's total: the list's own statement, counted. It is the very statement the list runs —
 * the maintained-aggregates path included, so the total reads the gap entries whenever a page does — with its paging
 * parameters written in as literals (`$offset` → 0, `$limit` → {@link ALL_ROWS}), inside `CALL () { … }`, then
 * `RETURN count(*)`.
 *
 * Why literals: the total field has no `limit` or `offset` argument, and @neo4j/graphql hands a @cypher statement
 * exactly its field's arguments (it writes each `$argument` of the text as a parameter of its own, or `NULL`), so
 * `$limit` would be an unknown parameter. The statement cuts at `$offset + $limit` and never skips (the library skips
 * around a list, see cypher/gaps/*.cypher, "Paging"), so offset 0 and a bound above any row count give every row of
 * every page, once each, in their order; counting them is counting the list. Editing the text once, when the schema is
 * built, keeps one statement per list rather than a second, hand-written copy that could drift from it.
 * @throws when the statement does not use both `$limit` and `$offset` (it is then not a paged list)
 */
export function totalStatement(field: string, list: string): string {
  const uses = (name: string) => new RegExp(`\\$${name}\\b`).test(list);
  if (!uses('limit') || !uses('offset')) throw new Error(`Query.${field}: its statement must cut at $offset + $limit`);
  const all = list.replace(/\$offset\b/g, '0').replace(/\$limit\b/g, ALL_ROWS);
  const body = all
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  const header = `// Query.${totalFieldOf(field)}: the rows of Query.${field}, every page, counted
// (src/graphql/gapTotals.ts): its statement as it is, but offset 0 and limit 2^63 - 1.`;
  return `${header}\nCALL () {\n${body}\n}\nRETURN count(*) AS ${COLUMN}`;
}

function directive(field: FieldDefinitionNode, name: string): ConstDirectiveNode | undefined {
  return field.directives?.find((d) => d.name.value === name);
}

/** The `cypher/` file a field's `@cypher(statement: "#file:gaps/…")` names, when it is a gap statement. */
function gapFile(field: FieldDefinitionNode): string | undefined {
  const statement = directive(field, 'cypher')?.arguments?.find((a) => a.name.value === 'statement')?.value;
  if (statement?.kind !== Kind.STRING) return undefined;
  const file = cypherFilePlaceholder(statement.value);
  return file?.startsWith('gaps/') ? file : undefined;
}

/**
 * The statement file of a paged gap list (a list, its statement a file of `cypher/gaps/`, with `limit` and `offset`),
 * or undefined for any other field.
 */
function pagedGapListFile(field: FieldDefinitionNode): string | undefined {
  const type = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
  const names = new Set((field.arguments ?? []).map((a) => a.name.value));
  const paged = type.kind === Kind.LIST_TYPE && [...PAGING].every((p) => names.has(p));
  return paged ? gapFile(field) : undefined;
}

const string = (value: string, block = false): StringValueNode => ({ kind: Kind.STRING, value, block });

/** A gap list's total field: its arguments but paging, its directives but @cypher (so its @authentication), Int!. */
function totalField(list: FieldDefinitionNode, file: string): FieldDefinitionNode {
  const name = list.name.value;
  const statement = totalStatement(name, loadCypher(...file.split('/')));
  const cypher: ConstDirectiveNode = {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'cypher' },
    arguments: [
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'statement' }, value: string(statement) },
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'columnName' }, value: string(COLUMN) },
    ],
  };
  return {
    kind: Kind.FIELD_DEFINITION,
    description: string(
      `How many rows \`${name}\` lists for the same arguments, over all its pages: the list's own statement, ` +
        `counted (derived from it when the schema is built, src/graphql/gapTotals.ts). Same role and checks as the list.`,
      true,
    ),
    name: { kind: Kind.NAME, value: totalFieldOf(name) },
    arguments: (list.arguments ?? []).filter((a) => !PAGING.has(a.name.value)),
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Int' } } },
    directives: [cypher, ...(list.directives ?? []).filter((d) => d.name.value !== 'cypher')],
  };
}

/**
 * The total fields of the paged gap lists of some SDL texts (as written, `"#file:…"` placeholders intact), as one
 * `extend type Query` SDL text, or null when there is none. Derived by rule, never listed: every Query field whose
 * @cypher statement is a `#file:gaps/…` list with `limit` and `offset` gets `<field>Total`, with the same arguments
 * minus `limit` and `offset` (their defaults and `@reportYear` marks too, so the argument guards check them alike), the
 * same @authentication (so the access rules give it the list's role), returning `Int!`: the rows the list gives over
 * all its pages ({@link totalStatement}). A client reads the total in one request instead of paging through ids.
 */
export function gapTotals(sources: readonly string[]): string | null {
  const fields: FieldDefinitionNode[] = [];
  for (const source of sources) {
    for (const definition of parse(source, { noLocation: true }).definitions) {
      const isQuery =
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        definition.name.value === 'Query';
      if (!isQuery) continue;
      for (const field of definition.fields ?? []) {
        const file = pagedGapListFile(field);
        if (file !== undefined) fields.push(totalField(field, file));
      }
    }
  }
  if (fields.length === 0) return null;
  const query: ObjectTypeExtensionNode = {
    kind: Kind.OBJECT_TYPE_EXTENSION,
    name: { kind: Kind.NAME, value: 'Query' },
    fields,
  };
  return `# The totals of the paged gap lists, derived from schema/ (src/graphql/gapTotals.ts).\n${print({
    kind: Kind.DOCUMENT,
    definitions: [query],
  })}\n`;
}
