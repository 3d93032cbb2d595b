import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mintToken } from '../../src/auth';
import { loadConfig } from '../../src/config';
import { APOLLO_MANIFEST_FORMAT, explorerDocuments, sha256Hex } from '../../src/config/trustedDocuments';
import { fromRoot } from '../../src/paths';
import { countingDriver, createTestApp, type TestApp, tokenAuth } from '../support/testApp';

/**
 * Trusted documents (TRUSTED_DOCUMENTS) and automatic persisted queries (GRAPHQL_APQ) over HTTP, on a real Neo4j:
 * callers below admin run listed operations only (by hash, or by their exact text), an unlisted one is refused
 * before any database work, an admin sends anything; APQ is off by default and, where on, kept per role set.
 */
const auth = tokenAuth('a-trusted-documents-test-secret-32-bytes+');
const LISTED = 'query ListedChains { industryChains(limit: 5) { id name } }';
const UNLISTED = '{ regions(limit: 1) { code } }';
/** A planner-only text (a gap list): a viewer sending it gets 403. */
const PLANNER_ONLY = 'query PlannerGaps { chainsWithoutLabPartner(limit: 1) { id } }';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

async function send(url: string, token: string, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const byHash = (text: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(text) } } });
const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

const tokens = async () => ({
  viewer: await mintToken(auth, { sub: 'viewer-1', roles: ['viewer'], ttl: '10m' }),
  viewer2: await mintToken(auth, { sub: 'viewer-2', roles: ['viewer'], ttl: '10m' }),
  planner: await mintToken(auth, { sub: 'planner-1', roles: ['planner'], ttl: '10m' }),
  admin: await mintToken(auth, { sub: 'admin-1', roles: ['admin'], ttl: '10m' }),
});

const dir = mkdtempSync(path.join(os.tmpdir(), 'trusted-documents-it-'));
function manifest(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('TRUSTED_DOCUMENTS: callers below admin run listed operations only', () => {
  let app: TestApp;
  let url: string;
  let statements: () => number;
  let t: Awaited<ReturnType<typeof tokens>>;

  beforeAll(async () => {
    const file = manifest('apollo.json', {
      format: APOLLO_MANIFEST_FORMAT,
      version: 1,
      operations: [{ id: sha256Hex(LISTED), name: 'ListedChains', type: 'query', body: LISTED }],
    });
    const { trustedDocuments } = loadConfig({ TRUSTED_DOCUMENTS: file });
    app = await createTestApp(undefined, {
      auth,
      trustedDocuments,
      wrapDriver: (driver) => {
        const counted = countingDriver(driver);
        statements = counted.statements;
        return counted.driver;
      },
    });
    url = await app.listen();
    t = await tokens();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("runs a viewer's listed operation by its Apollo hash, its documentId, its full text, and over GET", async () => {
    for (const body of [byHash(LISTED), { documentId: sha256Hex(LISTED) }, { query: LISTED }]) {
      const answer = await send(url, t.viewer, body);
      expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
      expect(Array.isArray(answer.body.data?.industryChains)).toBe(true);
    }
    const extensions = encodeURIComponent(JSON.stringify(byHash(LISTED).extensions));
    const get = await fetch(`${url}/graphql?extensions=${extensions}`, {
      headers: { authorization: `Bearer ${t.viewer}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(((await get.json()) as Answer['body']).data?.industryChains).toBeDefined();
  });

  it('refuses an unlisted text, an unlisted hash and introspection with 400 PERSISTED_QUERY_NOT_LISTED, before any database work', async () => {
    const before = statements();
    const text = await send(url, t.viewer, { query: UNLISTED });
    expect([text.status, codeOf(text)]).toEqual([400, 'PERSISTED_QUERY_NOT_LISTED']);
    expect(text.body.errors?.[0]?.message).toMatch(/not a trusted document.*extensions\.persistedQuery\.sha256Hash/);
    const hash = await send(url, t.viewer, byHash(UNLISTED));
    expect([hash.status, codeOf(hash)]).toEqual([400, 'PERSISTED_QUERY_NOT_LISTED']);
    expect(hash.body.errors?.[0]?.message).toContain(sha256Hex(UNLISTED));
    const introspection = await send(url, t.viewer, { query: '{ __schema { queryType { name } } }' });
    expect([introspection.status, codeOf(introspection)]).toEqual([400, 'PERSISTED_QUERY_NOT_LISTED']);
    // A planner is below admin too.
    const planner = await send(url, t.planner, { query: UNLISTED });
    expect([planner.status, codeOf(planner)]).toEqual([400, 'PERSISTED_QUERY_NOT_LISTED']);
    expect(statements()).toBe(before);
  });

  it('refuses a hash that does not match the text sent with it', async () => {
    const answer = await send(url, t.viewer, { query: UNLISTED, ...byHash(LISTED) });
    expect([answer.status, codeOf(answer)]).toEqual([400, 'BAD_REQUEST']);
  });

  it("runs an admin's arbitrary text and introspection (the query console is for admins in this mode)", async () => {
    const text = await send(url, t.admin, { query: UNLISTED });
    expect([text.status, text.body.errors]).toEqual([200, undefined]);
    const introspection = await send(url, t.admin, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it("accepts the explorer's shipped documents without their being in the configured manifest", async () => {
    const explorer = explorerDocuments();
    const referenceLists = [...explorer.byId.values()].find((text) => text.includes('regions(limit: 500'));
    expect(referenceLists).toBeDefined();
    const answer = await send(url, t.viewer, { query: referenceLists });
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
  });
});

describe('automatic persisted queries (GRAPHQL_APQ)', () => {
  let t: Awaited<ReturnType<typeof tokens>>;
  beforeAll(async () => {
    t = await tokens();
  });

  it('are off by default: a hash alone is PERSISTED_QUERY_NOT_SUPPORTED, and nothing is kept', async () => {
    const app = await createTestApp(undefined, { auth });
    try {
      const url = await app.listen();
      const first = await send(url, t.viewer, byHash(LISTED));
      expect(codeOf(first)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
      // The hash with its text runs as the text would (Apollo Client sends the text without the hash next).
      const withText = await send(url, t.viewer, { query: LISTED, ...byHash(LISTED) });
      expect([withText.status, withText.body.errors]).toEqual([200, undefined]);
      expect(codeOf(await send(url, t.viewer, byHash(LISTED)))).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    } finally {
      await app.close();
    }
  }, 120_000);

  it('are kept per role set where on: a viewer cannot learn whether a planner registered a text', async () => {
    const app = await createTestApp(undefined, { auth, apq: true });
    try {
      const url = await app.listen();
      // The planner registers a planner-only text, and runs it by its hash alone.
      const registered = await send(url, t.planner, { query: PLANNER_ONLY, ...byHash(PLANNER_ONLY) });
      expect([registered.status, registered.body.errors]).toEqual([200, undefined]);
      const again = await send(url, t.planner, byHash(PLANNER_ONLY));
      expect([again.status, again.body.errors]).toEqual([200, undefined]);
      expect(again.body.data).toEqual(registered.body.data);

      // A viewer's hash of it answers exactly as a hash no one ever sent: nothing to tell them apart.
      const planners = await send(url, t.viewer, byHash(PLANNER_ONLY));
      const nobodys = await send(url, t.viewer, byHash('{ neverSent }'));
      expect(planners).toEqual(nobodys);
      expect([planners.status, codeOf(planners)]).toEqual([200, 'PERSISTED_QUERY_NOT_FOUND']);
      expect(planners.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
      // The text itself is still the viewer's to be refused (the leak was NOT_FOUND here versus 403 there).
      expect(codeOf(await send(url, t.viewer, { query: PLANNER_ONLY }))).toBe('FORBIDDEN');

      // Callers with the same roles share what they registered; other role sets do not see it.
      const viewerText = await send(url, t.viewer, { query: LISTED, ...byHash(LISTED) });
      expect([viewerText.status, viewerText.body.errors]).toEqual([200, undefined]);
      const otherViewer = await send(url, t.viewer2, byHash(LISTED));
      expect([otherViewer.status, otherViewer.body.errors]).toEqual([200, undefined]);
      expect(codeOf(await send(url, t.planner, byHash(LISTED)))).toBe('PERSISTED_QUERY_NOT_FOUND');
      // A text that was refused is never registered.
      expect(codeOf(await send(url, t.viewer, { query: PLANNER_ONLY, ...byHash(PLANNER_ONLY) }))).toBe('FORBIDDEN');
      expect(codeOf(await send(url, t.viewer, byHash(PLANNER_ONLY)))).toBe('PERSISTED_QUERY_NOT_FOUND');
    } finally {
      await app.close();
    }
  }, 120_000);

  it('never tell a viewer under TRUSTED_DOCUMENTS more than PERSISTED_QUERY_NOT_LISTED for an unlisted hash', async () => {
    const file = manifest('codegen.json', { [sha256Hex(LISTED)]: LISTED });
    const app = await createTestApp(undefined, {
      auth,
      apq: true,
      trustedDocuments: loadConfig({ TRUSTED_DOCUMENTS: file }).trustedDocuments,
    });
    try {
      const url = await app.listen();
      // An admin may register any text; a viewer's hash of it is simply not listed.
      const admin = await send(url, t.admin, { query: PLANNER_ONLY, ...byHash(PLANNER_ONLY) });
      expect([admin.status, admin.body.errors]).toEqual([200, undefined]);
      expect(codeOf(await send(url, t.admin, byHash(PLANNER_ONLY)))).toBeUndefined();
      const viewer = await send(url, t.viewer, byHash(PLANNER_ONLY));
      const nobodys = await send(url, t.viewer, byHash('{ neverSent }'));
      expect([viewer.status, codeOf(viewer)]).toEqual([400, 'PERSISTED_QUERY_NOT_LISTED']);
      expect([nobodys.status, codeOf(nobodys)]).toEqual([400, 'PERSISTED_QUERY_NOT_LISTED']);
      // The same words but for the hash it names.
      expect(viewer.body.errors?.[0]?.message.replace(sha256Hex(PLANNER_ONLY), '…')).toBe(
        nobodys.body.errors?.[0]?.message.replace(sha256Hex('{ neverSent }'), '…'),
      );
      // The codegen manifest's listed text runs by its hash for the viewer.
      expect((await send(url, t.viewer, byHash(LISTED))).status).toBe(200);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('a bad TRUSTED_DOCUMENTS manifest', () => {
  it('stops the API at start with a message naming the file and the entry', async () => {
    const bad = manifest('bad.json', { [sha256Hex(UNLISTED)]: LISTED });
    const child = spawn(
      process.execPath,
      [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('src', 'index.ts')],
      {
        cwd: fromRoot(),
        env: { ...process.env, TRUSTED_DOCUMENTS: bad, PORT: '0', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('invalid configuration');
    expect(stderr).toContain(
      `TRUSTED_DOCUMENTS=${bad}: "${sha256Hex(UNLISTED)}": the key is not the sha256 of its text`,
    );
  }, 60_000);
});
