import { randomBytes } from 'node:crypto';
import { type ApolloClient, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import { mintToken } from '../../src/auth';
import { loadConfig } from '../../src/config';
import { fromRoot } from '../../src/paths';
import {
  apiErrorOf,
  createApiClient,
  firmsWithoutConsortium,
  loadNeighbourhood,
  partnerSuggestionsOf,
  search,
  toCytoscapeElements,
} from '../../client/example';
import {
  DeputyCandidatesForDocument,
  DeputySuggestionsDocument,
  PartnerSuggestionsDocument,
  SearchDocument,
} from '../../client/generated/graphql';
import { nextRegionCode } from '../support/regionCodes';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';

/**
 * The front-end kit (client/, README "The front-end kit") against the real API over HTTP: the example client's
 * functions, the generated persisted documents under TRUSTED_DOCUMENTS, and what Apollo Client's InMemoryCache keeps
 * with its default type policies when two questions share a candidate.
 *
 * The graph is this file's own (ids with the app's prefix, names with this run's word, a region of its own): chain C
 * (keyword K) with segment S, firms A and B in S, above 10亿 yuan in 2024 and in no consortium, peers P1–P3 in S.
 * P1 and P2 cooperate with university U1, P3 with institute I1; A cooperates with I2 (which undertook project X with
 * U1) and with university W1. Experts D1 (教授, W1) and D2 (副教授, institute W2) work on K.
 */
const EXACT_REVENUE = '9007199254740993'; // 2^53 + 1: a Number would round it

/** An answer with the candidate's own id under `own` (candidateId, nodeId, personId, enterpriseId). */
type Answer = Record<string, unknown>;

/**
 * Two questions among `questions` whose answers share a candidate (by its own id, the field `own`) shown with
 * different content (a score, reasons, …): the case where a cache keyed by the candidate would show one question's
 * content under the other. Asked of the API in-process, so that no client cache has seen them.
 */
async function questionsSharingACandidate<Q>(
  questions: Q[],
  ask: (question: Q) => Promise<Answer[]>,
  own: string,
): Promise<[Q, Q, string]> {
  const answers = await Promise.all(questions.map(ask));
  for (let i = 0; i < questions.length; i += 1) {
    for (let j = i + 1; j < questions.length; j += 1) {
      for (const mine of answers[i] ?? []) {
        const theirs = answers[j]?.find((a) => a[own] === mine[own]);
        const content = (a: Answer) => JSON.stringify(a);
        if (theirs !== undefined && content(theirs) !== content(mine)) {
          return [questions[i] as Q, questions[j] as Q, mine[own] as string];
        }
      }
    }
  }
  throw new Error(`no two of ${JSON.stringify(questions)} share a candidate with different content`);
}

/**
 * THE cache test: `first` through the network, then each of `others` (their answers share a candidate with it), then
 * `first` again from the cache alone: it must be what the network answered the first time.
 */
async function answerSurvives<T, V extends OperationVariables>(
  client: ApolloClient,
  query: TypedDocumentNode<T, V>,
  first: V,
  others: V[],
): Promise<void> {
  const network = await client.query({ query, variables: first, fetchPolicy: 'network-only' });
  expect(network.data).toBeDefined();
  for (const variables of others) await client.query({ query, variables, fetchPolicy: 'network-only' });
  expect(client.readQuery({ query, variables: first })).toEqual(network.data);
  const cacheOnly = await client.query({ query, variables: first, fetchPolicy: 'cache-only' });
  expect(cacheOnly.data).toEqual(network.data);
}

describe('the front-end kit (client/) against the API', () => {
  let app: TestApp;
  let url: string;
  const id = (key: string) => `${app.prefix}${key}`;
  const tok = randomBytes(2).toString('hex');
  // A 4-character word of this run (Chinese: the full-text index is CJK) and a chain keyword.
  const word = [...tok].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(c, 16)]).join('');
  const keyword = `键${tok}`;
  const region = nextRegionCode();

  async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await app.execute<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  beforeAll(async () => {
    app = await createTestApp(undefined, { responseCacheMb: 0 });
    url = `${await app.listen()}/graphql`;
    await app.write(
      `CREATE (r:Region {id: $p + 'r', code: $region, name: $w + '区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (c:IndustryChain {id: $p + 'c', name: $w + '测试产业链（示例）', keywords: [$kw], leading: false, verified: false, synthetic: true})
       CREATE (s:ChainSegment {id: $p + 's', name: $w + '链段（示例）', position: 'MIDSTREAM', synthetic: true})-[:OF_CHAIN]->(c)
       CREATE (a:Enterprise {id: $p + 'a', name: $w + '新材料有限公司（示例）', revenue: toInteger($revenue),
               aboveScale: true, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (b:Enterprise {id: $p + 'b', name: $w + '新材料科技有限公司（示例）', revenue: 2000000000,
               aboveScale: true, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (a)-[:LOCATED_IN]->(r), (b)-[:LOCATED_IN]->(r)
       CREATE (a)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'ra', year: 2024, revenue: toInteger($revenue), aboveScale: true, synthetic: true})
       CREATE (b)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'rb', year: 2024, revenue: 2000000000, aboveScale: true, synthetic: true})
       CREATE (p1:Enterprise {id: $p + 'p1', name: 'P1（示例）', aboveScale: false, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (p2:Enterprise {id: $p + 'p2', name: 'P2（示例）', aboveScale: false, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (p3:Enterprise {id: $p + 'p3', name: 'P3（示例）', aboveScale: false, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (u1:University {id: $p + 'u1', name: $w + '材料大学（示例）', local: true, synthetic: true})
       CREATE (w1:University {id: $p + 'w1', name: $w + '工业大学（示例）', local: true, synthetic: true})
       CREATE (i1:ResearchInstitute {id: $p + 'i1', name: $w + '材料研究院（示例）', local: true, synthetic: true})
       CREATE (i2:ResearchInstitute {id: $p + 'i2', name: 'I2（示例）', local: true, synthetic: true})
       CREATE (w2:ResearchInstitute {id: $p + 'w2', name: 'W2（示例）', local: true, synthetic: true})
       CREATE (x:Project {id: $p + 'x', name: 'X（示例）', level: 'PROVINCIAL', year: 2024, status: 'APPROVED', synthetic: true})
       CREATE (p1)-[:COOPERATES_WITH]->(u1), (p2)-[:COOPERATES_WITH]->(u1), (p3)-[:COOPERATES_WITH]->(i1)
       CREATE (a)-[:COOPERATES_WITH]->(i2), (a)-[:COOPERATES_WITH]->(w1)
       CREATE (i2)-[:UNDERTAKES {role: 'LEAD'}]->(x), (u1)-[:UNDERTAKES {role: 'PARTICIPANT'}]->(x)
       CREATE (:Person {id: $p + 'd1', name: 'D1（示例）', title: '教授', expertise: [$kw + '工艺'], synthetic: true})-[:EMPLOYED_BY]->(w1)
       CREATE (:Person {id: $p + 'd2', name: 'D2（示例）', title: '副教授', expertise: [$kw + '材料', $kw + '检测'], synthetic: true})-[:EMPLOYED_BY]->(w2)`,
      { w: word, kw: keyword, region, revenue: EXACT_REVENUE },
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  describe('the example client', () => {
    let client: ApolloClient;
    beforeAll(() => {
      client = createApiClient({ url });
    });
    afterAll(() => {
      client.stop();
    });

    it("loads a firm's neighbourhood as Cytoscape elements", async () => {
      const subgraph = await loadNeighbourhood(client, id('a'));
      expect(subgraph.nodes.map((n) => n.id)).toEqual(
        expect.arrayContaining([id('a'), id('s'), id('r'), id('i2'), id('w1')]),
      );
      const elements = toCytoscapeElements(subgraph);
      expect(elements).toContainEqual({
        group: 'edges',
        data: expect.objectContaining({ id: `COOPERATES_WITH:${id('a')}->${id('w1')}`, type: 'COOPERATES_WITH' }),
      });
      // Money in a node's properties is a decimal string, exact.
      const firm = elements.find((e) => e.data.id === id('a'));
      expect(firm?.data).toMatchObject({ type: 'Enterprise', revenue: EXACT_REVENUE });
    });

    it('asks for partner suggestions and searches, as the API answers in-process', async () => {
      const suggestions = await partnerSuggestionsOf(client, id('a'));
      const direct = await gql<{ partnerSuggestions: Answer[] }>(
        `query ($id: ID!) { partnerSuggestions(enterpriseId: $id) { candidateId score reasons } }`,
        { id: id('a') },
      );
      expect(suggestions.map(({ candidateId, score, reasons }) => ({ candidateId, score, reasons }))).toEqual(
        direct.partnerSuggestions,
      );
      expect(suggestions.map((s) => s.candidateId)).toContain(id('u1'));
      // Another test's names may share a pair of characters with this run's word: only this file's nodes count.
      const hits = (await search(client, word, { types: ['University', 'ResearchInstitute'] })).filter((h) =>
        h.nodeId.startsWith(app.prefix),
      );
      expect(hits.map((h) => h.nodeId).sort()).toEqual([id('i1'), id('u1'), id('w1')].sort());
      expect(new Set(hits.map((h) => h.type))).toEqual(new Set(['University', 'ResearchInstitute']));
    });

    it('pages a gap list with its total, revenue exact', async () => {
      const filters = { year: 2024, regionCode: region };
      const first = await firmsWithoutConsortium(client, filters, { limit: 1, offset: 0 });
      const second = await firmsWithoutConsortium(client, filters, { limit: 1, offset: 1 });
      expect(first.total).toBe(2);
      expect(second.total).toBe(2);
      // By revenue, descending: A (2^53 + 1 yuan) first.
      expect(first.rows.map((r) => [r.id, r.revenue, r.locatedIn.map((l) => l.code)])).toEqual([
        [id('a'), EXACT_REVENUE, [region]],
      ]);
      expect(first.revenue).toBe(9007199254740993n);
      expect(first.revenue + second.revenue).toBe(9007201254740993n);
    });
  });

  describe("Apollo Client's InMemoryCache (default type policies) keeps each question's answer", () => {
    let client: ApolloClient;
    beforeEach(() => {
      client = createApiClient({ url });
    });
    afterEach(() => {
      client.stop();
    });

    it('partnerSuggestions of two firms, and of one firm with other weights', async () => {
      const [a, b, shared] = await questionsSharingACandidate(
        [id('a'), id('b'), id('p1')],
        async (firm) =>
          (
            await gql<{ partnerSuggestions: Answer[] }>(
              'query ($id: ID!) { partnerSuggestions(enterpriseId: $id) { candidateId score reasons } }',
              { id: firm },
            )
          ).partnerSuggestions,
        'candidateId',
      );
      expect(shared).toBe(id('u1'));
      const ask = (enterpriseId: string, weights: { segmentPeers: number } | null = null) => ({
        enterpriseId,
        limit: null,
        weights,
      });
      await answerSurvives(client, PartnerSuggestionsDocument, ask(a), [ask(b), ask(a, { segmentPeers: 1 })]);
    });

    it('search with two texts that share hits', async () => {
      const texts = [`${word}材料`, `${word}大学`, `${word}材料研究院`, `${word}新材料`];
      const [first, second] = await questionsSharingACandidate(
        texts,
        async (text) =>
          (await gql<{ search: Answer[] }>('query ($t: String!) { search(text: $t) { nodeId score } }', { t: text }))
            .search,
        'nodeId',
      );
      const ask = (text: string) => ({ text, types: null, limit: null });
      await answerSurvives(client, SearchDocument, ask(first), [ask(second)]);
    });

    it('deputySuggestions of two firms that share a person', async () => {
      const [a, b, shared] = await questionsSharingACandidate(
        [id('a'), id('b')],
        async (firm) =>
          (
            await gql<{ deputySuggestions: Answer[] }>(
              'query ($id: ID!) { deputySuggestions(enterpriseId: $id) { personId score reasons employerPartner } }',
              { id: firm },
            )
          ).deputySuggestions,
        'personId',
      );
      expect(shared).toBe(id('d1'));
      const ask = (enterpriseId: string) => ({ enterpriseId, limit: null, year: null });
      await answerSurvives(client, DeputySuggestionsDocument, ask(a), [ask(b)]);
    });

    it('deputyCandidatesFor of two persons who share a firm', async () => {
      const [d1, d2] = await questionsSharingACandidate(
        [id('d1'), id('d2')],
        async (person) =>
          (
            await gql<{ deputyCandidatesFor: Answer[] }>(
              'query ($id: ID!) { deputyCandidatesFor(personId: $id) { enterpriseId score expertise reasons } }',
              { id: person },
            )
          ).deputyCandidatesFor,
        'enterpriseId',
      );
      const ask = (personId: string) => ({ personId, limit: null, year: null });
      await answerSurvives(client, DeputyCandidatesForDocument, ask(d1), [ask(d2)]);
    });
  });

  describe('under TRUSTED_DOCUMENTS = client/generated/persisted-documents.json', () => {
    const auth = tokenAuth('a-front-end-kit-test-secret-of-32-bytes+');
    let trusted: TestApp;
    let trustedUrl: string;
    let token: string;

    beforeAll(async () => {
      const { trustedDocuments } = loadConfig({
        TRUSTED_DOCUMENTS: fromRoot('client', 'generated', 'persisted-documents.json'),
      });
      trusted = await createTestApp(undefined, { auth, trustedDocuments, responseCacheMb: 0 });
      trustedUrl = `${await trusted.listen()}/graphql`;
      token = await mintToken(auth, { sub: 'front-end', roles: ['planner'], ttl: '10m' });
    }, 120_000);
    afterAll(async () => {
      await trusted?.close();
    });

    it("runs the kit's operations sent by hash with a bearer token, and refuses their text", async () => {
      const byHash = createApiClient({ url: trustedUrl, token: () => token, persisted: true });
      const hits = await search(byHash, word);
      expect(hits.map((h) => h.nodeId)).toContain(id('a'));
      expect((await partnerSuggestionsOf(byHash, id('a'))).map((s) => s.candidateId)).toContain(id('u1'));
      byHash.stop();

      // The same operation as Apollo Client prints it is not a listed text: a planner is below admin.
      const byText = createApiClient({ url: trustedUrl, token });
      const refused = await search(byText, word).then(
        () => null,
        (error: unknown) => apiErrorOf(error),
      );
      expect(refused).toMatchObject({ code: 'PERSISTED_QUERY_NOT_LISTED', message: expect.stringMatching(/trusted/) });
      byText.stop();
    });
  });
});
