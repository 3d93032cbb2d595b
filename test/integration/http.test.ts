import { request } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { auditServer } from 'graphql-http';
import { createTestApp, type TestApp } from '../support/testApp';

/** A raw POST /graphql (fetch would fix up what these cases break on purpose). */
function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP layer: every malformed request gets a JSON answer with a code, never a stack trace', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp();
    url = await app.listen();
  });
  afterAll(async () => {
    await app.close();
  });

  const query = JSON.stringify({ query: '{ __typename }' });
  const cases: [string, () => [Buffer | string, Record<string, string>], number, string][] = [
    ['truncated JSON', () => ['{"query": "{ __typ', {}], 400, 'BAD_REQUEST'],
    ['a bare JSON string', () => ['"{ __typename }"', {}], 400, 'BAD_REQUEST'],
    ['JSON null', () => ['null', {}], 400, 'BAD_REQUEST'],
    [
      'a charset other than UTF-8',
      () => [Buffer.from(query, 'latin1'), { 'content-type': 'application/json; charset=iso-8859-1' }],
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],

    ['corrupt gzip', () => [Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }], 400, 'BAD_REQUEST'],
    ['an unknown encoding', () => [query, { 'content-encoding': 'zstd-x' }], 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a body over 1 MB',
      () => [JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }), {}],
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a gzip bomb (10 MB of spaces in 10 kB)',
      () => [
        gzipSync(Buffer.concat([Buffer.from(query), Buffer.alloc(10_000_000, 32)])),
        { 'content-encoding': 'gzip' },
      ],
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ];

  it.each(cases)('%s', async (_name, make, status, code) => {
    const [body, headers] = make();
    const answer = await post(url, body, headers);
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/json/);
    const parsed = JSON.parse(answer.text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(parsed.errors[0]?.extensions.code).toBe(code);
    expect(answer.text).not.toMatch(/\bat \w|node_modules|\/work\/|\.ts:\d/);
  });

  it('reads a UTF-16 body (JSON allows it) as it reads UTF-8', async () => {
    const answer = await post(url, Buffer.from(query, 'utf16le'), {
      'content-type': 'application/json; charset=utf-16le',
    });
    expect([answer.status, JSON.parse(answer.text)]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it('reads a well-formed gzip or brotli body', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync(query)],
      ['br', brotliCompressSync(query)],
    ] as const) {
      const answer = await post(url, body, { 'content-encoding': encoding });
      expect([encoding, answer.status, JSON.parse(answer.text)]).toEqual([
        encoding,
        200,
        { data: { __typename: 'Query' } },
      ]);
    }
  });

  it("passes every MUST and SHOULD of graphql-http's GraphQL-over-HTTP audits", async () => {
    const results = await auditServer({ url: `${url}/graphql` });
    // 200 for parse, validation and variable errors under application/json, their 400 under
    // application/graphql-response+json (src/errors/errorStatus.ts). What is left are notices (MAYs): GETs without a
    // CSRF-safe header are refused (Apollo's CSRF prevention).
    const failed = (status: string) => results.filter((r) => r.status === status).map((r) => r.name);
    expect({ errors: failed('error'), warnings: failed('warn') }).toEqual({ errors: [], warnings: [] });
    expect(failed('notice').every((name) => /\bGETs?\b/.test(name))).toBe(true);
    expect(results.length).toBeGreaterThan(50);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await fetch(`${url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
  });
});
