import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, specifiedRules, validate } from 'graphql';
import {
  explorerManifest,
  filterCombinations,
  loadExplorerDocuments,
  parseExplorerManifestArgs,
} from '../../src/cli/explorerManifest';
import { ConfigError, loadConfig } from '../../src/config';
import { buildSchema } from '../../src/graphql';
import {
  APOLLO_MANIFEST_FORMAT,
  EXPLORER_MANIFEST,
  explorerDocuments,
  mergeTrustedDocuments,
  readTrustedDocuments,
  sha256Hex,
} from '../../src/config/trustedDocuments';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trusted-documents-'));
let files = 0;
/** A manifest file of `content` (JSON unless a string), in a temporary folder; returns its path. */
function manifestFile(content: unknown): string {
  const file = path.join(dir, `manifest-${(files += 1)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const CHAINS = 'query Chains { industryChains(limit: 5) { id name } }';
const REGIONS = '{ regions(limit: 5) { code name } }';
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('trusted document manifests (TRUSTED_DOCUMENTS)', () => {
  it("reads Apollo's persisted query manifest: each body by its id, and by the sha256 of its text", () => {
    const file = manifestFile({
      format: APOLLO_MANIFEST_FORMAT,
      version: 1,
      operations: [{ id: sha256Hex(CHAINS), name: 'Chains', type: 'query', body: CHAINS }],
    });
    const { documents, problems } = readTrustedDocuments(file);
    expect(problems).toEqual([]);
    expect(documents.byId.get(sha256Hex(CHAINS))).toBe(CHAINS);
    expect([...documents.hashes]).toEqual([sha256Hex(CHAINS)]);
    expect(documents.files).toEqual([file]);
  });

  it("reads GraphQL Code Generator's persisted documents, keyed by sha256 or by sha1 (the preset's default)", () => {
    const { documents, problems } = readTrustedDocuments(
      manifestFile({ [sha256Hex(CHAINS)]: CHAINS, [sha1(REGIONS)]: REGIONS }),
    );
    expect(problems).toEqual([]);
    // A sha1 key is an id a client may send; the text is also known by its sha256, and safelisted by it.
    expect(documents.byId.get(sha1(REGIONS))).toBe(REGIONS);
    expect(documents.byId.get(sha256Hex(REGIONS))).toBe(REGIONS);
    expect([...documents.hashes].sort()).toEqual([sha256Hex(CHAINS), sha256Hex(REGIONS)].sort());
  });

  it("reads the preset's keys prefixed with their algorithm (hashAlgorithm 'sha256' writes sha256:<hex>)", () => {
    const { documents, problems } = readTrustedDocuments(
      manifestFile({ [`sha256:${sha256Hex(CHAINS)}`]: CHAINS, [`sha1:${sha1(REGIONS)}`]: REGIONS }),
    );
    expect(problems).toEqual([]);
    // The key as written is the documentId a client sends; the bare sha256 is what Apollo's persisted link sends.
    expect(documents.byId.get(`sha256:${sha256Hex(CHAINS)}`)).toBe(CHAINS);
    expect(documents.byId.get(sha256Hex(CHAINS))).toBe(CHAINS);
    expect(documents.byId.get(`sha1:${sha1(REGIONS)}`)).toBe(REGIONS);
    const forged = readTrustedDocuments(manifestFile({ [`sha256:${sha256Hex(REGIONS)}`]: CHAINS }));
    expect(forged.problems).toHaveLength(1);
    expect(forged.problems[0]).toMatch(/the key is not the sha256 of its text/);
    const mixedUp = readTrustedDocuments(manifestFile({ [`sha1:${sha256Hex(CHAINS)}`]: CHAINS }));
    expect(mixedUp.problems[0]).toMatch(/the key is not the sha1 of its text/);
  });

  it('names the file and the entry of every problem: unreadable, not JSON, wrong hash, text that does not parse', () => {
    const missing = path.join(dir, 'missing.json');
    expect(readTrustedDocuments(missing).problems).toEqual([`${missing}: cannot be read (ENOENT)`]);

    const notJson = manifestFile('{"format": ');
    expect(readTrustedDocuments(notJson).problems[0]).toMatch(new RegExp(`^${notJson}: is not JSON \\(`));

    const apollo = manifestFile({
      format: APOLLO_MANIFEST_FORMAT,
      version: 1,
      operations: [
        { id: sha256Hex(CHAINS), name: 'Chains', type: 'query', body: CHAINS },
        { id: 'f'.repeat(64), name: 'Forged', type: 'query', body: REGIONS },
        { id: sha256Hex('{ broken'), name: 'Broken', type: 'query', body: '{ broken' },
        { id: sha256Hex('{ a } type T { a: Int }'), name: 'Sdl', type: 'query', body: '{ a } type T { a: Int }' },
        { id: sha256Hex('fragment F on T { a }'), name: 'Fragment', type: 'query', body: 'fragment F on T { a }' },
        { id: 1, body: 2 },
      ],
    });
    expect(readTrustedDocuments(apollo).problems).toEqual([
      `${apollo}: operations[1] (Forged): id ${'f'.repeat(64)} is not the sha256 of its body (${sha256Hex(REGIONS)}); generate the manifest with the default createOperationId`,
      `${apollo}: operations[2] (Broken): its text does not parse: Syntax Error: Expected Name, found <EOF>.`,
      `${apollo}: operations[3] (Sdl): its text defines types, not operations`,
      `${apollo}: operations[4] (Fragment): its text has no operation`,
      `${apollo}: operations[5]: is not {"id": "<sha256>", "name", "type", "body": "<text>"}`,
    ]);

    const codegen = manifestFile({ [sha256Hex(REGIONS)]: CHAINS, abc: REGIONS, [sha1('{ x')]: '{ x' });
    expect(readTrustedDocuments(codegen).problems).toEqual([
      `${codegen}: "${sha256Hex(REGIONS)}": the key is not the sha256 of its text (${sha256Hex(CHAINS)}); use hashAlgorithm sha256 (or sha1)`,
      `${codegen}: "abc": the key is not the sha256 of its text (${sha256Hex(REGIONS)}); use hashAlgorithm sha256 (or sha1)`,
      `${codegen}: "${sha1('{ x')}": its text does not parse: Syntax Error: Expected Name, found <EOF>.`,
    ]);

    const other = manifestFile({ format: 'relay', operations: [] });
    expect(readTrustedDocuments(other).problems[0]).toMatch(/has a "format" but is not an Apollo persisted query/);
    expect(readTrustedDocuments(manifestFile([CHAINS])).problems[0]).toMatch(/is neither an Apollo persisted query/);
  });

  it('fails the configuration at start with each problem, and leaves APQ off unless GRAPHQL_APQ says so', () => {
    const bad = manifestFile({ [sha256Hex(REGIONS)]: CHAINS });
    let error: unknown;
    try {
      loadConfig({ TRUSTED_DOCUMENTS: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`TRUSTED_DOCUMENTS=${bad}: "${sha256Hex(REGIONS)}": the key is`);

    const good = manifestFile({ [sha256Hex(CHAINS)]: CHAINS });
    expect(loadConfig({ TRUSTED_DOCUMENTS: good }).trustedDocuments?.hashes.has(sha256Hex(CHAINS))).toBe(true);
    expect(loadConfig({}).trustedDocuments).toBeNull();
    expect(loadConfig({}).apq).toBe(false);
    expect(loadConfig({ GRAPHQL_APQ: 'true' }).apq).toBe(true);
  });

  it('merges manifests: a text listed by any of them runs', () => {
    const a = readTrustedDocuments(manifestFile({ [sha256Hex(CHAINS)]: CHAINS })).documents;
    const b = readTrustedDocuments(manifestFile({ [sha1(REGIONS)]: REGIONS })).documents;
    const merged = mergeTrustedDocuments(a, b);
    expect(merged.hashes.size).toBe(2);
    expect(merged.byId.get(sha1(REGIONS))).toBe(REGIONS);
    expect(merged.files).toEqual([...a.files, ...b.files]);
  });
});

describe("the explorer's documents (public/explorer/documents.js) and its shipped manifest", () => {
  let built: Awaited<ReturnType<typeof buildSchema>>;
  beforeAll(async () => {
    built = await buildSchema();
  }, 60_000);

  it('persisted-documents.json is current: run npm run explorer:manifest after changing documents.js or a gap field', async () => {
    const shipped = readFileSync(EXPLORER_MANIFEST, 'utf8');
    expect(shipped === (await explorerManifest(loadExplorerDocuments(), built))).toBe(true);
  }, 60_000);

  it('lists only documents that are valid against the schema the server builds, each once', () => {
    const { schema } = built;
    const manifest = explorerDocuments();
    expect(manifest.hashes.size).toBeGreaterThan(100);
    const invalid = [...manifest.hashes].flatMap((hash) => {
      const text = manifest.byId.get(hash) as string;
      return validate(schema, parse(text), specifiedRules).map((e) => `${text}: ${e.message}`);
    });
    expect(invalid).toEqual([]);
  });

  it('builds one text whatever the order of the filters a panel passes', () => {
    const documents = loadExplorerDocuments();
    const forward = { year: 'Int', regionCode: 'RegionCode', chainId: 'ID' };
    const backward = { chainId: 'ID', regionCode: 'RegionCode', year: 'Int' };
    expect(documents.gapPage('enterprisesWithoutConsortium', 'Enterprise', backward)).toBe(
      documents.gapPage('enterprisesWithoutConsortium', 'Enterprise', forward),
    );
    expect(documents.review({ regionCode: 'RegionCode', year: 'Int!' })).toBe(
      documents.review({ year: 'Int!', regionCode: 'RegionCode' }),
    );
  });

  it("lists every gap panel's combination of filters, the required ones always", () => {
    const fields = built.schema.getQueryType()!.getFields();
    const filters = ['year', 'regionCode', 'chainId'];
    expect(filterCombinations(fields.enterprisesMissingFourHaves!, filters)).toEqual([
      { year: 'Int!' },
      { year: 'Int!', regionCode: 'RegionCode' },
      { year: 'Int!', chainId: 'ID' },
      { year: 'Int!', regionCode: 'RegionCode', chainId: 'ID' },
    ]);
    expect(filterCombinations(fields.chainsWithoutLabPartner!, filters)).toEqual([{}]);
    expect(filterCombinations(fields.enterprisesWithoutRdInstitution!, filters)).toHaveLength(8);
  });

  it('takes --out and --check, and refuses anything else', () => {
    expect(parseExplorerManifestArgs(['--out', 'x.json', '--check'])).toEqual({
      help: false,
      out: 'x.json',
      check: true,
    });
    expect(() => parseExplorerManifestArgs(['--colour'])).toThrow(/Unknown option '--colour'/);
  });
});
