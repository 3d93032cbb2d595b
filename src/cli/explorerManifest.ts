import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { getNamedType, getOperationAST, type GraphQLField, isNonNullType, parse } from 'graphql';
import ts from 'typescript';
import { buildSchema } from '../graphql';
import { APOLLO_MANIFEST_FORMAT, EXPLORER_MANIFEST, sha256Hex } from '../config';
import { graphVocabulary, type GraphVocabulary, METRIC_DISPLAY } from '../domain';
import { fromRoot } from '../paths';
import { argumentsOrExit, runCommand } from './commandLine';
import { type GeneratedFileArgs, parseGeneratedFileArgs, writeOrCheck } from './generatedFile';

/** The explorer's documents and builders (an ES module of public/explorer that imports nothing). */
export const EXPLORER_DOCUMENTS = fromRoot('public', 'explorer', 'documents.js');
/** The name of the explorer's vocabulary file, written beside its manifest. */
export const VOCABULARY_FILE = 'vocabulary.json';

const USAGE = `usage: npm run explorer:manifest [-- --out FILE] [-- --check]
Writes the files the explorer (public/explorer) ships from the server's sources:
- every GraphQL document it can send, as an Apollo persisted query manifest: the constant queries of
  public/explorer/documents.js, and its builders over the gap fields of the schema and each combination of the
  filters (year, region, chain) they take. The API accepts these documents under TRUSTED_DOCUMENTS;
- ${VOCABULARY_FILE}, beside the manifest: the graph's node labels and relationship types (schema/*.graphql), which
  the page's colours and names are keyed on.
  --out     the manifest to write (default: public/explorer/persisted-documents.json)
  --check   write nothing; exit 1 when a file differs (CI: the shipped files are current)
exit codes: 0 written (or current); 1 --check found a difference; 2 usage error`;

type Types = Record<string, string>;

/** What public/explorer/documents.js exports. */
export interface ExplorerDocuments {
  FILTERS: string[];
  SELECTION: Record<string, string>;
  queries: Record<string, string>;
  /** The dashboard's constant documents (public/dashboard), listed in the same manifest. */
  dashboardQueries: Record<string, string>;
  gapCount(field: string, types: Types): string;
  gapPage(field: string, kind: string, types: Types): string;
  coverage(types: Types): string;
  review(types: Types): string;
}

/**
 * Runs an ES module of the explorer that imports nothing (documents.js, palette.js) in a context of its own and
 * returns its exports. Node 20 evaluates ES modules in a context only behind a flag (vm.SourceTextModule), so the
 * module is first rewritten to CommonJS by TypeScript's transpiler, which changes nothing else of it.
 */
export function loadExplorerModule(file: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string): never => {
    throw new Error(`${file} imports ${name}: a module read outside the browser must import nothing`);
  };
  vm.runInNewContext(outputText, { module, exports: module.exports, require }, { filename: file });
  return module.exports;
}

/** Runs the page's documents.js as the browser would, in a context of its own, and returns what it exports. */
export function loadExplorerDocuments(file: string = EXPLORER_DOCUMENTS): ExplorerDocuments {
  const documents = loadExplorerModule(file);
  const missing = [
    'FILTERS',
    'SELECTION',
    'queries',
    'dashboardQueries',
    'gapCount',
    'gapPage',
    'coverage',
    'review',
  ].filter((name) => documents[name] === undefined);
  if (missing.length > 0) throw new Error(`${file} does not export ${missing.join(', ')}`);
  return documents as unknown as ExplorerDocuments;
}

/**
 * The explorer's vocabulary.json: the labels and relationship types of the schema (src/domain/vocabulary.ts), so
 * that the page keys its colours and names on the graph's own list rather than a copy of it, and every metric's
 * display names (src/domain/metricNames.ts), which the dashboard shows.
 */
export function explorerVocabulary(vocabulary: GraphVocabulary = graphVocabulary()): string {
  const { labels, relationshipTypes } = vocabulary;
  return `${JSON.stringify({ labels, relationshipTypes, metrics: METRIC_DISPLAY }, null, 2)}\n`;
}

/** Where the vocabulary goes: beside the manifest `manifest`. */
export const vocabularyFileBeside = (manifest: string): string => path.join(path.dirname(manifest), VOCABULARY_FILE);

/**
 * Each combination of the filters `field` takes that a panel may pass: a filter the field requires (non-null, no
 * default) always, each other one present or not; as argument name → GraphQL type, as the explorer declares them.
 */
export function filterCombinations(field: GraphQLField<unknown, unknown>, filters: readonly string[]): Types[] {
  const args = field.args.filter((a) => filters.includes(a.name));
  const optional = args.filter((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
  const combinations: Types[] = [];
  for (let mask = 0; mask < 1 << optional.length; mask += 1) {
    const types: Types = {};
    for (const a of args) {
      const i = optional.indexOf(a);
      if (i < 0 || (mask & (1 << i)) !== 0) types[a.name] = a.type.toString();
    }
    combinations.push(types);
  }
  return combinations;
}

export interface ManifestOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

/**
 * Every document the explorer can send, as an Apollo persisted query manifest (ids the sha256 of the bodies, names the
 * documents' keys in documents.js). The gap panel's documents come from the schema's gap fields (the guarded fields
 * that list a type the panel shows, src/graphql/argumentGuards.ts), so that a new gap list is listed by being written.
 */
export async function explorerManifest(
  documents: ExplorerDocuments = loadExplorerDocuments(),
  built?: Pick<Awaited<ReturnType<typeof buildSchema>>, 'schema' | 'guardedFields'>,
): Promise<string> {
  const { schema, guardedFields } = built ?? (await buildSchema());
  const fields = schema.getQueryType()?.getFields() ?? {};
  const field = (name: string): GraphQLField<unknown, unknown> => {
    const found = fields[name];
    if (found === undefined) throw new Error(`the schema has no Query.${name}, which the explorer asks for`);
    return found;
  };
  const listed: { name: string; body: string }[] = [
    ...Object.entries(documents.queries).map(([name, body]) => ({ name, body })),
    ...Object.entries(documents.dashboardQueries).map(([name, body]) => ({ name: `dashboard ${name}`, body })),
  ];
  const label = (name: string, types: Types) => `${name}(${Object.keys(types).join(', ')})`;
  for (const name of [...guardedFields.keys()].sort()) {
    const kind = getNamedType(field(name).type).name;
    if (!Object.hasOwn(documents.SELECTION, kind)) continue;
    for (const types of filterCombinations(field(name), documents.FILTERS)) {
      listed.push({ name: `gapCount ${label(name, types)}`, body: documents.gapCount(name, types) });
      listed.push({ name: `gapPage ${label(name, types)}`, body: documents.gapPage(name, kind, types) });
    }
  }
  for (const types of filterCombinations(field('fourHavesCoverage'), documents.FILTERS)) {
    listed.push({ name: `coverage ${label('fourHavesCoverage', types)}`, body: documents.coverage(types) });
  }
  for (const types of filterCombinations(field('targetReview'), documents.FILTERS)) {
    listed.push({ name: `review ${label('targetReview', types)}`, body: documents.review(types) });
  }
  const seen = new Set<string>();
  const operations: ManifestOperation[] = [];
  for (const { name, body } of listed) {
    const id = sha256Hex(body);
    if (seen.has(id)) continue;
    seen.add(id);
    const operation = getOperationAST(parse(body));
    if (!operation) throw new Error(`explorer document ${name} is not one operation`);
    operations.push({ id, name: `explorer ${name}`, type: operation.operation, body });
  }
  return `${JSON.stringify({ format: APOLLO_MANIFEST_FORMAT, version: 1, operations }, null, 2)}\n`;
}

/** The options of `npm run explorer:manifest`. */
export function parseExplorerManifestArgs(argv: string[]): GeneratedFileArgs {
  return parseGeneratedFileArgs(argv, EXPLORER_MANIFEST);
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseExplorerManifestArgs, USAGE);
  if (typeof args === 'number') return args;
  const manifest = await explorerManifest();
  const count = (JSON.parse(manifest) as { operations: unknown[] }).operations.length;
  const vocabulary = explorerVocabulary();
  const { labels, relationshipTypes } = JSON.parse(vocabulary) as GraphVocabulary;
  // Both files, also when the first differs: --check names every stale one.
  const codes = [
    writeOrCheck(
      args,
      manifest,
      "is not the explorer's current manifest: run npm run explorer:manifest",
      `(${count} operations)`,
    ),
    writeOrCheck(
      { ...args, out: vocabularyFileBeside(args.out) },
      vocabulary,
      "is not the schema's current vocabulary: run npm run explorer:manifest",
      `(${labels.length} labels, ${relationshipTypes.length} relationship types)`,
    ),
  ];
  return Math.max(...codes);
}

if (require.main === module) runCommand(main, 'explorer:manifest');
