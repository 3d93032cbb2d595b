import type { Request, Response } from 'express';
import { principalOf, type Principal } from '../../src/auth';
import type { Role } from '../../src/domain/roles';
import { sha256Hex, type TrustedDocuments } from '../../src/config/trustedDocuments';
import { persistedDocuments, type PersistedDocumentsOptions } from '../../src/http/persistedDocuments';

/**
 * How the middleware before Apollo Server reads and rewrites a request (the whole path over HTTP, on a real Neo4j, is
 * in test/integration/trustedDocuments.test.ts): Apollo must run exactly the text that was checked.
 */
const LISTED = 'query Listed { industryChains(limit: 5) { id name } }';
const OTHER = '{ regions(limit: 1) { code } }';
const trusted: TrustedDocuments = {
  byId: new Map([
    [sha256Hex(LISTED), LISTED],
    ['a'.repeat(40), LISTED],
  ]),
  hashes: new Set([sha256Hex(LISTED)]),
  files: ['test.json'],
};

interface FakeResponse {
  locals: { principal: Principal; errorCode?: string };
  statusCode: number;
  body?: { errors: { message: string; extensions: { code: string } }[] };
}

function run(
  request: { method: 'GET'; url: string } | { method: 'POST'; body: unknown },
  role: Role,
  options: PersistedDocumentsOptions = { trusted, apq: false },
) {
  const req = { url: '/', headers: {}, ...request } as unknown as Request;
  const fake: FakeResponse = { locals: { principal: principalOf('someone', [role], 'token') }, statusCode: 200 };
  // What sendErrors (src/errors/httpErrors.ts) uses: the request's Accept header, the status, the type, the body.
  const res = Object.assign(fake, {
    req,
    status(code: number) {
      fake.statusCode = code;
      return res;
    },
    type() {
      return res;
    },
    json(body: FakeResponse['body']) {
      fake.body = body;
      return res;
    },
  });
  let passed = false;
  persistedDocuments(options)(req, res as unknown as Response, () => {
    passed = true;
  });
  return { passed, req, res: fake, code: fake.body?.errors[0]?.extensions.code };
}

const get = (params: Record<string, string>, suffix = '') => ({
  method: 'GET' as const,
  url: `/?${new URLSearchParams(params).toString()}${suffix}`,
});
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('persistedDocuments middleware (TRUSTED_DOCUMENTS, GRAPHQL_APQ)', () => {
  it('hands Apollo the listed text for a hash, by GET or POST, without the hash fields and with other extensions', () => {
    const byGet = run(get({ extensions: JSON.stringify(persisted(sha256Hex(LISTED))) }), 'viewer');
    expect(byGet.passed).toBe(true);
    expect(Object.fromEntries(new URL(byGet.req.url, 'http://x').searchParams)).toEqual({ query: LISTED });

    const byPost = run({ method: 'POST', body: { documentId: 'a'.repeat(40), variables: { a: 1 } } }, 'viewer');
    expect(byPost.passed).toBe(true);
    expect(byPost.req.body).toEqual({ query: LISTED, variables: { a: 1 } });

    const kept = run(
      { method: 'POST', body: { extensions: { ...persisted(sha256Hex(LISTED)), trace: true } } },
      'planner',
    );
    expect(kept.req.body).toEqual({ query: LISTED, extensions: { trace: true } });
  });

  it('pins a GET to what was checked: a fragment cannot hide a second text from the check', () => {
    const sent = run(get({ query: LISTED }, '#&query=x'), 'viewer');
    expect(sent.passed).toBe(true);
    expect(sent.req.url).toBe(`/?${new URLSearchParams({ query: LISTED }).toString()}`);
    expect(run(get({ query: OTHER }), 'viewer').code).toBe('PERSISTED_QUERY_NOT_LISTED');
  });

  it('refuses below admin what is not listed, and lets an admin send anything', () => {
    for (const role of ['viewer', 'planner', 'editor'] as const) {
      const refused = run({ method: 'POST', body: { query: OTHER } }, role);
      expect([refused.passed, refused.res.statusCode, refused.code]).toEqual([
        false,
        400,
        'PERSISTED_QUERY_NOT_LISTED',
      ]);
      expect(refused.res.locals.errorCode).toBe('PERSISTED_QUERY_NOT_LISTED');
    }
    expect(run({ method: 'POST', body: { query: OTHER } }, 'admin').passed).toBe(true);
    expect(run({ method: 'POST', body: { query: '{ __schema { types { name } } }' } }, 'viewer').code).toBe(
      'PERSISTED_QUERY_NOT_LISTED',
    );
    // An unknown id is not listed, for an admin too (there is nothing to run).
    expect(run({ method: 'POST', body: { documentId: 'b'.repeat(64) } }, 'admin').code).toBe(
      'PERSISTED_QUERY_NOT_LISTED',
    );
  });

  it('refuses malformed hash fields and a hash that is not the text sent with it', () => {
    const shapes = [
      { extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } },
      { extensions: { persistedQuery: 'x' } },
      { documentId: 42 },
      { query: LISTED, extensions: persisted(sha256Hex(OTHER)) },
      { query: LISTED, documentId: sha256Hex(OTHER) },
    ];
    for (const body of shapes) expect(run({ method: 'POST', body }, 'admin').code).toBe('BAD_REQUEST');
  });

  it('leaves a request alone where nothing is configured, and says what documentId needs', () => {
    const none = { trusted: null, apq: false };
    const plain = run({ method: 'POST', body: { query: OTHER } }, 'viewer', none);
    expect([plain.passed, plain.req.body]).toEqual([true, { query: OTHER }]);
    // Apollo Server answers PERSISTED_QUERY_NOT_SUPPORTED itself.
    expect(run({ method: 'POST', body: { extensions: persisted(sha256Hex(OTHER)) } }, 'viewer', none).passed).toBe(
      true,
    );
    const id = run({ method: 'POST', body: { documentId: sha256Hex(OTHER) } }, 'viewer', none);
    expect(id.res.body?.errors[0]?.message).toMatch(/TRUSTED_DOCUMENTS is not set/);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND as Apollo Server does for a hash its role set never registered', () => {
    const found = run({ method: 'POST', body: { extensions: persisted(sha256Hex(OTHER)) } }, 'viewer', {
      trusted: null,
      apq: true,
    });
    expect([found.passed, found.res.statusCode, found.code]).toEqual([false, 200, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(found.res.body?.errors[0]?.message).toBe('PersistedQueryNotFound');
  });
});
