import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { fromRoot } from '../paths';

/** The `format` of Apollo's persisted query manifest (@apollo/generate-persisted-query-manifest writes it). */
export const APOLLO_MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

/** The explorer's manifest, shipped with the page (`npm run explorer:manifest` writes it from the schema). */
export const EXPLORER_MANIFEST = fromRoot('public', 'explorer', 'persisted-documents.json');

/**
 * The operations a deployment's front ends may send (TRUSTED_DOCUMENTS, README "Production front ends"), read from
 * one or more manifests.
 */
export interface TrustedDocuments {
  /** Each listed text by the ids a client may send for it: its sha256 (hex) and the key its manifest gives it. */
  byId: ReadonlyMap<string, string>;
  /** The sha256 (hex) of every listed text: a request with the full text runs when its hash is here. */
  hashes: ReadonlySet<string>;
  /** The manifests read. */
  files: readonly string[];
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const sha1Hex = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** Problems reported for one manifest before the rest are summed up: a wrong generator gets every entry wrong. */
const MAX_PROBLEMS = 10;

/** Why a text cannot be listed: it does not parse, or it is not a document of operations (and fragments). */
function textProblem(text: unknown): string | null {
  if (typeof text !== 'string') return 'its text is not a string';
  try {
    const document = parse(text, { noLocation: true });
    if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) return 'its text has no operation';
    if (document.definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION)) {
      return 'its text defines types, not operations';
    }
    return null;
  } catch (error) {
    return `its text does not parse: ${(error as Error).message.split('\n')[0]}`;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one manifest, in either format the usual client tooling writes:
 * - Apollo's persisted query manifest, `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations":
 *   [{ "id", "name", "type", "body" }] }` (@apollo/generate-persisted-query-manifest), each `id` the sha256 (hex) of
 *   its `body` (the generator's default `createOperationId`);
 * - GraphQL Code Generator's persisted documents (client preset, `persistedDocuments: true`), `{ "<hash>": "<text>" }`,
 *   each key the sha256 of its text or its sha1 (the preset's default `hashAlgorithm`), bare or prefixed with the
 *   algorithm (`sha256:<hex>`, as the preset writes it for `hashAlgorithm: 'sha256'`).
 * Each text must parse as operations. Nothing is thrown: every problem is returned, naming the file and the entry.
 */
export function readTrustedDocuments(file: string): { documents: TrustedDocuments; problems: string[] } {
  const byId = new Map<string, string>();
  const hashes = new Set<string>();
  const documents: TrustedDocuments = { byId, hashes, files: [file] };
  const problems: string[] = [];
  const problem = (entry: string, message: string): void => {
    problems.push(`${file}: ${entry}: ${message}`);
  };
  const list = (id: string, text: string): void => {
    const hash = sha256Hex(text);
    byId.set(id, text);
    byId.set(hash, text);
    hashes.add(hash);
  };

  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      documents,
      problems: [`${file}: cannot be read (${code ?? (error as Error).message})`],
    };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(raw);
  } catch (error) {
    return { documents, problems: [`${file}: is not JSON (${(error as Error).message})`] };
  }

  if (isRecord(manifest) && 'format' in manifest) {
    if (manifest.format !== APOLLO_MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      return {
        documents,
        problems: [
          `${file}: has a "format" but is not an Apollo persisted query manifest: expected {"format": "${APOLLO_MANIFEST_FORMAT}", "version": 1, "operations": [...]}`,
        ],
      };
    }
    manifest.operations.forEach((operation: unknown, i) => {
      const entry = `operations[${i}]${isRecord(operation) && typeof operation.name === 'string' ? ` (${operation.name})` : ''}`;
      if (!isRecord(operation) || typeof operation.id !== 'string' || typeof operation.body !== 'string') {
        problem(entry, 'is not {"id": "<sha256>", "name", "type", "body": "<text>"}');
        return;
      }
      const invalid = textProblem(operation.body);
      if (invalid !== null) {
        problem(entry, invalid);
        return;
      }
      const hash = sha256Hex(operation.body);
      if (operation.id !== hash) {
        problem(
          entry,
          `id ${operation.id} is not the sha256 of its body (${hash}); generate the manifest with the default createOperationId`,
        );
        return;
      }
      list(operation.id, operation.body);
    });
  } else if (isRecord(manifest)) {
    for (const [key, text] of Object.entries(manifest)) {
      const entry = `"${key}"`;
      const invalid = textProblem(text);
      if (invalid !== null) {
        problem(entry, invalid);
        continue;
      }
      const body = text as string;
      // The client preset writes `<algorithm>:<hex>` for a hashAlgorithm it names (sha256), the bare hex otherwise.
      const [, prefix, hex = key] = /^(sha1|sha256):(.*)$/.exec(key) ?? [];
      const algorithm = prefix ?? (hex.length === 40 ? 'sha1' : 'sha256');
      const expected = algorithm === 'sha1' ? sha1Hex(body) : sha256Hex(body);
      if (hex !== expected) {
        problem(entry, `the key is not the ${algorithm} of its text (${expected}); use hashAlgorithm sha256 (or sha1)`);
        continue;
      }
      list(key, body);
    }
  } else {
    problems.push(
      `${file}: is neither an Apollo persisted query manifest ({"format": "${APOLLO_MANIFEST_FORMAT}", ...}) nor GraphQL Code Generator persisted documents ({"<hash>": "<text>"})`,
    );
  }
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.splice(MAX_PROBLEMS, more, `${file}: … and ${more} more entries like these`);
  }
  return { documents, problems };
}

/** The documents of several manifests together: a hash listed by any of them runs. */
export function mergeTrustedDocuments(...all: TrustedDocuments[]): TrustedDocuments {
  return {
    byId: new Map(all.flatMap((d) => [...d.byId])),
    hashes: new Set(all.flatMap((d) => [...d.hashes])),
    files: all.flatMap((d) => d.files),
  };
}

/** The explorer's shipped manifest; a problem in it is a bug of this repository (a test keeps it current). */
export function explorerDocuments(file: string = EXPLORER_MANIFEST): TrustedDocuments {
  const { documents, problems } = readTrustedDocuments(file);
  if (problems.length > 0) throw new Error(`the explorer's manifest is invalid:\n  ${problems.join('\n  ')}`);
  return documents;
}
