import fc from 'fast-check';
import { graphVocabulary } from '../../src/domain/vocabulary';
import { MAX_JSON_DEPTH } from '../../src/http/jsonDepth';
import { MAP_BOUNDS } from '../../src/queries/maps';
import { createTestApp, type TestApp } from '../support/testApp';

/**
 * No input answers 500: whatever a client sends as the text of a search, as variables (any JSON, nested to any
 * depth, GET or POST) or as the arguments of the relationship maps, the answer is below 500 and every error in it
 * carries a code. fast-check draws the inputs with a fixed seed (a failure is reproduced by running the file again,
 * and fast-check prints the smallest input it shrank it to), against the real server over HTTP on a real Neo4j, as an
 * admin (local mode) so that every request reaches the resolvers and the database.
 */

const SEED = 20260624;
/** Runs per property: enough to draw each fragment of the pools many times, the file in well under a minute. */
const RUNS = Number(process.env.INPUT_PROPERTY_RUNS ?? 500);

interface Answer {
  status: number;
  body: {
    data?: unknown;
    errors?: { message?: unknown; extensions?: { code?: unknown; argument?: unknown } }[];
  } | null;
  text: string;
}

/** Lucene query syntax, Cypher and GraphQL fragments, odd characters: what a search box or an attacker may type. */
const FRAGMENTS = [
  // Lucene's operators and syntax characters, alone and where they break a query (trailing, unbalanced, prefixes)
  ...'AND OR NOT TO && || ! + - ( ) { } [ ] ^ ^2 " ~ ~0.5 * ? : \\ / /.*/ name: title:x *foo ?ar x^ x~2'.split(' '),
  ...'\\u00 \\u0041 a\\ &&a ||b !c /regex/ field:"phrase" "unbalanced (open close)'.split(' '),
  ...['a AND', 'AND b', 'a OR', 'a NOT b', '[a TO b]', '{a TO b}', '+must -mustnot', 'R AND D'],
  // whitespace Lucene splits on and whitespace it does not, control characters, lone surrogates, an emoji
  ...['\u3000', '\t', '\n', '\r\n', '\u0000', '\u00a0', '\u200b', '\ufeff', '\ud800', '\udfff', '😀'],
  // what the index holds: Chinese names, a credit code
  ...['尼龙', '新材料', '有限公司', '（示例）', '91410400MA44XXXX0X'],
  // Cypher, GraphQL, JavaScript and templating fragments
  ...["' OR 1=1 --", '") RETURN n //', '} MATCH (n) DETACH DELETE n', '$query', '`x`', '${x}', '%s', '<script>'],
  ...['__proto__', 'constructor', 'null', 'undefined', '0', '-1', '1e309', 'NaN'],
];

/** A search text: random strings of every kind, fragments of the pool, and mixes of both. */
const searchText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...FRAGMENTS),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 12 })
    .chain((parts) => fc.constantFrom(...[' ', '', '\u3000', '\t']).map((sep) => parts.join(sep))),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `a${String.fromCharCode(c)}b`),
  fc.string({ minLength: 95, maxLength: 110 }),
);

/** Any JSON value as a tree of moderate depth (fc.letrec), or a tower nested thousands of levels deep. */
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('AND', 'OR', 'NOT', 'id', '__proto__')),
      tie('tree'),
      {
        maxKeys: 3,
      },
    ),
  ),
}));
/** JSON text sent as it is: a tower too deep for JSON.stringify (recursive, it runs out of stack at some thousands). */
class RawJson {
  constructor(
    readonly text: string,
    readonly depth: number,
  ) {}
  /** How fast-check shows it in a counterexample: not the whole tower. */
  [fc.toStringMethod](): string {
    return `RawJson(${this.depth} levels: ${this.text.slice(0, 24)}…)`;
  }
  toJSON(): string {
    return `RawJson(${this.depth} levels: ${this.text.slice(0, 24)}…)`;
  }
}
const tower = fc
  .record({
    depth: fc.oneof(
      fc.integer({ min: MAX_JSON_DEPTH - 3, max: MAX_JSON_DEPTH + 3 }),
      fc.integer({ min: 1, max: 5_000 }),
      fc.integer({ min: 5_000, max: 50_000 }),
    ),
    kind: fc.constantFrom('array', 'object', 'mixed'),
    leaf: fc.jsonValue({ maxDepth: 1 }),
  })
  .map(({ depth, kind, leaf }) => {
    const opens: string[] = [];
    const closes: string[] = [];
    for (let i = 0; i < depth; i += 1) {
      const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
      opens.push(asArray ? '[' : '{"AND":');
      closes.push(asArray ? ']' : '}');
    }
    return new RawJson(`${opens.join('')}${JSON.stringify(leaf)}${closes.reverse().join('')}`, depth);
  });
const anyJson = fc.oneof(tree, tower, fc.anything({ maxDepth: 3, withNullPrototype: false }).map(jsonSafe));

/** What JSON.stringify keeps of a value of fc.anything (undefined, functions, symbols, bigints dropped or made text). */
function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null');
  } catch {
    return null;
  }
}

/** JSON text of a value whose towers (RawJson) are written as they are; the rest nests a few levels only. */
function encode(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${encode(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The type whose answers carry the status of their error (GraphQL over HTTP); under application/json they are 200. */
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** Operations the random variables are given to: each declares variables of several kinds, one declares none. */
const OPERATIONS = [
  'query ($text: String!, $types: [NodeLabel!], $limit: Int) { search(text: $text, types: $types, limit: $limit) { id type label } }',
  'query ($id: ID!, $depth: Int, $relationshipTypes: [RelationshipType!], $labels: [NodeLabel!], $limit: Int) { neighborhood(id: $id, depth: $depth, relationshipTypes: $relationshipTypes, labels: $labels, limit: $limit) { nodes { id } truncated } }',
  'query ($w: EnterpriseWhere, $l: Int) { enterprises(where: $w, limit: $l) { id } }',
  '{ __typename }',
];

describe('no input answers 500 (property-based, fast-check, a real server on a real Neo4j)', () => {
  let app: TestApp;
  let url: string;
  const ids: string[] = [];

  beforeAll(async () => {
    app = await createTestApp(undefined, {
      auth: { mode: 'local', localRole: 'admin' },
      fairness: { ratePerMinute: 0 },
    });
    url = await app.listen();
    // A small graph of this file's own, so that maps with a known id run their statements.
    await app.write(
      `CREATE (k:IndustryChain {id: $p + 'chain', name: '尼龙链（示例）', leading: true, verified: true, synthetic: true})
       CREATE (s:ChainSegment {id: $p + 'seg', name: '上游（示例）', position: 'UPSTREAM', synthetic: true})-[:OF_CHAIN]->(k)
       CREATE (a:Enterprise {id: $p + 'a', name: 'R AND D 新材料有限公司（示例）', synthetic: true})
       CREATE (b:Enterprise {id: $p + 'b', name: 'C++ (Foo) NOT-OR 公司（示例）', synthetic: true})
       CREATE (a)-[:SUPPLIES]->(b)
       CREATE (a)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'pl', name: '工程技术研究中心（示例）', synthetic: true})
              -[:SERVES]->(k)`,
    );
    ids.push(...['chain', 'seg', 'a', 'b', 'pl'].map((key) => `${app.prefix}${key}`));
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  // Both as Apollo Client 4 asks: every answer has the status of its error, so "never 5xx" is about the status too
  // (under application/json a GraphQL error is 200, its code in the body).
  async function post(body: unknown): Promise<Answer> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
      body: encode(body),
    });
    return answerOf(response);
  }

  async function get(query: string, variables: unknown): Promise<Answer> {
    const search = new URLSearchParams({ query, variables: encode(variables) });
    // The JSON content type: Apollo's CSRF prevention lets such a GET through.
    const response = await fetch(`${url}/graphql?${search}`, {
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
    });
    return answerOf(response);
  }

  async function answerOf(response: Response): Promise<Answer> {
    const text = await response.text();
    let body: Answer['body'] = null;
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      // left null: checked below
    }
    return { status: response.status, body, text };
  }

  /** The property every answer has: below 500, and a GraphQL-shaped body whose every error carries a code. */
  function expectNoServerError(answer: Answer, input: unknown): void {
    const context = `input ${JSON.stringify(input)?.slice(0, 300)} answered ${answer.status}: ${answer.text.slice(0, 300)}`;
    if (answer.status >= 500) throw new Error(`5xx: ${context}`);
    // Node's HTTP parser answers a request line over its header limit (a huge GET) itself, with no body.
    if (answer.status === 431 || answer.status === 414) return;
    if (answer.body === null || typeof answer.body !== 'object') throw new Error(`not JSON: ${context}`);
    for (const error of answer.body.errors ?? []) {
      if (typeof error.extensions?.code !== 'string') throw new Error(`an error without a code: ${context}`);
      if (error.extensions.code === 'INTERNAL_SERVER_ERROR') throw new Error(`INTERNAL_SERVER_ERROR: ${context}`);
    }
    if (answer.status >= 400 && (answer.body.errors ?? []).length === 0)
      throw new Error(`4xx without errors: ${context}`);
  }

  it('search(text:) accepts any text: 1–100 characters are searched as text, anything else is BAD_USER_INPUT naming text', async () => {
    await fc.assert(
      fc.asyncProperty(searchText, fc.boolean(), async (text, inline) => {
        // As a variable, and as a literal in the document (JSON's escapes are GraphQL's, but for lone surrogates).
        const answer = inline
          ? await post({ query: `{ search(text: ${JSON.stringify(text)}) { id type label } }` })
          : await post({ query: 'query ($t: String!) { search(text: $t) { id type label } }', variables: { t: text } });
        expectNoServerError(answer, text);
        const trimmed = text.trim();
        const errors = answer.body?.errors ?? [];
        if (errors.some((e) => e.extensions?.code === 'GRAPHQL_PARSE_FAILED')) return; // a literal GraphQL refuses
        if (trimmed.length >= 1 && trimmed.length <= 100) {
          // Searched as text: an answer, never an error about the syntax.
          if (
            answer.status !== 200 ||
            errors.length > 0 ||
            !Array.isArray((answer.body?.data as { search?: unknown })?.search)
          ) {
            throw new Error(
              `not searched as text: ${JSON.stringify(text)} → ${answer.status} ${answer.text.slice(0, 300)}`,
            );
          }
        } else {
          expect(answer.status).toBe(400);
          expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);

  it('the operators and syntax of the index are searched as text: "a AND", unbalanced brackets, field: prefixes', async () => {
    const search = async (text: string) =>
      post({
        query: 'query ($t: String!) { search(text: $t, types: [Enterprise]) { id: nodeId } }',
        variables: { t: text },
      });
    for (const text of [
      'a AND',
      'AND',
      'NOT',
      'a OR',
      '(open',
      '"unbalanced',
      'name:x',
      '*foo',
      'x~',
      '\\',
      'a && ||',
    ]) {
      const answer = await search(text);
      expect({ text, status: answer.status, errors: answer.body?.errors }).toEqual({
        text,
        status: 200,
        errors: undefined,
      });
    }
    // Words around an operator or inside syntax characters are found.
    const mine = async (text: string) =>
      ((await search(text)).body?.data as { search: { id: string }[] }).search
        .map((h) => h.id)
        .filter((id) => ids.includes(id));
    expect(await mine('R AND D')).toContain(`${app.prefix}a`);
    expect(await mine('C++ (Foo)')).toContain(`${app.prefix}b`);
    expect(await mine('(Foo')).toContain(`${app.prefix}b`);
  });

  it('random JSON as variables (any shape, nested to any depth, by POST and GET) never answers 5xx', async () => {
    const variables = fc.oneof(
      fc.dictionary(fc.constantFrom('text', 'types', 'limit', 'id', 'depth', 'labels', 'w', 'l', 'x'), anyJson, {
        maxKeys: 4,
      }),
      anyJson,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPERATIONS),
        variables,
        fc.constantFrom('variables', 'extensions', 'other', 'get'),
        async (query, value, where) => {
          let answer: Answer;
          if (where === 'get') answer = await get(query, value);
          else if (where === 'variables') answer = await post({ query, variables: value });
          else if (where === 'extensions') answer = await post({ query, extensions: value });
          else answer = await post({ query, other: value });
          expectNoServerError(answer, { query: query.slice(0, 40), where, value });
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);

  it('variables nested 100,000 arrays deep are 400 BAD_USER_INPUT naming variables', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"query ($v: [String]) { search(text: \\"x\\", types: $v) { id } }","variables":{"v":${deep}}}`,
    });
    const answer = await answerOf(response);
    expect(answer.status).toBe(400);
    expect(answer.body?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'variables' });
    expect(answer.body?.errors?.[0]?.message).toMatch(/^variables: /);
    // Just within the limit is read as usual (and here refused by the type of $v, as any wrong value is).
    let within: unknown = 'x';
    for (let i = 1; i < MAX_JSON_DEPTH; i += 1) within = [within];
    const ok = await post({
      query: 'query ($v: [String]) { search(text: "x", types: $v) { id } }',
      variables: { v: within },
    });
    expect(ok.status).toBe(400);
    expect(ok.body?.errors?.[0]?.message).toMatch(/Variable "\$v"/);
  });

  it('random values at the map arguments (neighborhood, shortestPath, chainMap) never answer 5xx', async () => {
    const vocabulary = graphVocabulary();
    // Each argument: a valid value most of the time (so that many draws run the map's statement), a wrong one of
    // the right type (out of range, unknown) often, and null or any JSON at all (a wrong type, a deep tower) now and then.
    const either = <T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>) =>
      fc.oneof(
        { arbitrary: valid, weight: 24 },
        { arbitrary: wrong, weight: 3 },
        { arbitrary: fc.constant(null), weight: 1 },
        { arbitrary: anyJson, weight: 1 },
      );
    const id = either(fc.constantFrom(...ids), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...FRAGMENTS)));
    const int = (min: number, max: number) =>
      either(
        fc.integer({ min, max }),
        fc.oneof(
          fc.integer(),
          fc.constantFrom(min - 1, max + 1, 0, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 1.5, -0.0),
        ),
      );
    const names = (known: readonly string[]) =>
      either(
        fc.array(fc.constantFrom(...known), { minLength: 1, maxLength: 40 }),
        fc.array(fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 12 }), fc.constantFrom(...FRAGMENTS)), {
          maxLength: 6,
        }),
      );
    const call = fc.oneof(
      fc.record({
        field: fc.constant('neighborhood'),
        vars: fc.record({
          id,
          depth: int(MAP_BOUNDS.depth.min, MAP_BOUNDS.depth.max),
          relationshipTypes: names(vocabulary.relationshipTypes),
          labels: names(vocabulary.labels),
          limit: int(MAP_BOUNDS.limit.min, MAP_BOUNDS.limit.max),
        }),
      }),
      fc.record({
        field: fc.constant('shortestPath'),
        vars: fc.record({
          fromId: id,
          toId: id,
          maxHops: int(MAP_BOUNDS.maxHops.min, MAP_BOUNDS.maxHops.max),
          relationshipTypes: names(vocabulary.relationshipTypes),
          all: either(fc.boolean(), fc.constantFrom('true', 1, 0)),
        }),
      }),
      fc.record({ field: fc.constant('chainMap'), vars: fc.record({ chainId: id }) }),
    );
    const documents: Record<string, string> = {
      neighborhood:
        'query ($id: ID!, $depth: Int, $relationshipTypes: [RelationshipType!], $labels: [NodeLabel!], $limit: Int) { neighborhood(id: $id, depth: $depth, relationshipTypes: $relationshipTypes, labels: $labels, limit: $limit) { nodes { id type label properties } edges { id type source target } truncated omitted { relationshipType count } } }',
      shortestPath:
        'query ($fromId: ID!, $toId: ID!, $maxHops: Int, $relationshipTypes: [RelationshipType!], $all: Boolean) { shortestPath(fromId: $fromId, toId: $toId, maxHops: $maxHops, relationshipTypes: $relationshipTypes, all: $all) { nodes { id } edges { id } truncated } }',
      chainMap: 'query ($chainId: ID!) { chainMap(chainId: $chainId) { nodes { id type } edges { id } truncated } }',
    };
    let answered = 0;
    let refusedByResolver = 0;
    await fc.assert(
      fc.asyncProperty(call, async ({ field, vars }) => {
        const answer = await post({ query: documents[field], variables: vars });
        expectNoServerError(answer, { field, vars });
        // An error of a resolver: NOT_FOUND, or BAD_USER_INPUT naming its argument (not coercion's, nor the depth's).
        const fromResolver = (e: { extensions?: { code?: unknown; argument?: unknown } }) =>
          e.extensions?.code === 'NOT_FOUND' ||
          (typeof e.extensions?.argument === 'string' && e.extensions.argument !== 'variables');
        if (answer.status === 200) answered += 1;
        else if (answer.body?.errors?.some(fromResolver)) refusedByResolver += 1;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Many draws run a map's statements on the database, many others are refused by the resolvers' own checks.
    expect(answered).toBeGreaterThan(RUNS / 5);
    expect(refusedByResolver).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
