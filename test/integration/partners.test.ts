import { randomBytes, randomInt } from 'node:crypto';
import { countingDriver, createTestApp, as, type TestApp } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

/**
 * Each case builds a small graph of its own (ids with the app's prefix; industry codes under a section letter no real
 * code has, 'Y', and divisions drawn for this run; expertise keywords with this run's token), so that nothing else in
 * the shared database is evidence for it, and the expected ranking follows from the scoring of
 * cypher/partners/partnerSuggestions.cypher: score = (Σ weight × ln(1 + count)) × 1 / (1 + 0.1 × ln(1 + served)),
 * default weights segmentPeers 3, sharedProjects 2, industryPeers 2, divisionPeers 0.5, countyPeers 1, experts 1.5,
 * chainPlatforms 1.
 */
const W = {
  segmentPeers: 3,
  sharedProjects: 2,
  industryPeers: 2,
  divisionPeers: 0.5,
  countyPeers: 1,
  experts: 1.5,
  chainPlatforms: 1,
};
const points = (parts: [keyof typeof W, number][], served: number): number =>
  Math.round(
    (100 * parts.reduce((sum, [kind, n]) => sum + W[kind] * Math.log(1 + n), 0)) / (1 + 0.1 * Math.log(1 + served)),
  );

type Suggestion = { id: string; type: string; score: number; reasons: string[] } & Record<string, unknown>;

describe('partner and 科技副总 suggestions on a real Neo4j', () => {
  let app: TestApp;
  let counter: ReturnType<typeof countingDriver>;
  const id = (key: string) => `${app.prefix}${key}`;
  const tok = randomBytes(2).toString('hex');
  // Different divisions of the fictitious section Y, one per case.
  const [dA, dB, dC, dD] = (() => {
    const first = randomInt(10, 86);
    return [first, first + 3, first + 6, first + 9].map((d) => `Y${d}`);
  })() as [string, string, string, string];
  const keyword = `测${tok}`;
  const word = [...tok].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(c, 16)]).join('');

  async function partners(enterpriseId: string, extra = '') {
    const result = await app.execute<{ partnerSuggestions: Suggestion[] }>(
      `query ($id: ID!) { partnerSuggestions(enterpriseId: $id${extra}) {
         id: candidateId type score segmentPeers sharedProjects industryPeers divisionPeers countyPeers experts chainPlatforms
         served expertise reasons breakdown { evidence count weight points } } }`,
      { id: enterpriseId },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.partnerSuggestions ?? [];
  }

  beforeAll(async () => {
    app = await createTestApp(undefined, {
      responseCacheMb: 0,
      wrapDriver: (driver) => {
        counter = countingDriver(driver);
        return counter.driver;
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  describe('segment peers, shared projects, experts by chain name; existing partners excluded', () => {
    // E works in segment S of chain C (no keywords: an expertise term fits when its first two characters occur in
    // C's name). Peers P1, P2 in S cooperate with U1; P1 with I1; platform L partners with P2. E cooperates with I2,
    // which undertook project X with U2. U3 employs an expert in `<word>材料`. U4 has peer evidence but shares a
    // consortium with E; I2 is E's partner: neither is suggested.
    beforeAll(async () => {
      await app.write(
        `CREATE (c:IndustryChain {id: $p + 'c', name: $w + '测试产业链（示例）', leading: false, verified: false, synthetic: true})
         CREATE (s:ChainSegment {id: $p + 's', name: '链段（示例）', position: 'MIDSTREAM', synthetic: true})-[:OF_CHAIN]->(c)
         CREATE (e:Enterprise {id: $p + 'e', name: 'E（示例）', aboveScale: true, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
         CREATE (p1:Enterprise {id: $p + 'p1', name: 'P1（示例）', aboveScale: true, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
         CREATE (p2:Enterprise {id: $p + 'p2', name: 'P2（示例）', aboveScale: true, backbone: false, synthetic: true})-[:OPERATES_IN]->(s)
         CREATE (u1:University {id: $p + 'u1', name: 'U1（示例）', local: true, synthetic: true})
         CREATE (u2:University {id: $p + 'u2', name: 'U2（示例）', local: true, synthetic: true})
         CREATE (u3:University {id: $p + 'u3', name: 'U3（示例）', local: true, synthetic: true})
         CREATE (u4:University {id: $p + 'u4', name: 'U4（示例）', local: true, synthetic: true})
         CREATE (i1:ResearchInstitute {id: $p + 'i1', name: 'I1（示例）', local: true, synthetic: true})
         CREATE (i2:ResearchInstitute {id: $p + 'i2', name: 'I2（示例）', local: true, synthetic: true})
         CREATE (l:Platform {id: $p + 'l', name: 'L（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', synthetic: true})
         CREATE (x:Project {id: $p + 'x', name: 'X（示例）', level: 'PROVINCIAL', year: 2024, status: 'APPROVED', synthetic: true})
         CREATE (k:Consortium {id: $p + 'k', name: 'K（示例）', level: 'PROVINCIAL', synthetic: true})
         CREATE (p1)-[:COOPERATES_WITH]->(u1), (p2)-[:COOPERATES_WITH]->(u1), (p1)-[:COOPERATES_WITH]->(i1)
         CREATE (l)-[:PARTNERS_WITH]->(p2)
         CREATE (e)-[:COOPERATES_WITH]->(i2), (p1)-[:COOPERATES_WITH]->(i2)
         CREATE (i2)-[:UNDERTAKES {role: 'LEAD'}]->(x), (u2)-[:UNDERTAKES {role: 'PARTICIPANT'}]->(x)
         CREATE (:Person {id: $p + 'expert', name: '专家（示例）', expertise: [$w + '材料'], synthetic: true})-[:EMPLOYED_BY]->(u3)
         CREATE (p2)-[:COOPERATES_WITH]->(u4), (e)-[:LEADS]->(k), (u4)-[:MEMBER_OF]->(k)`,
        { w: word },
      );
    });

    it('ranks by evidence with the documented weights, and explains each score', async () => {
      const found = await partners(id('e'));
      expect(found.map((s) => [s.id, s.type, s.score])).toEqual([
        [id('u1'), 'University', points([['segmentPeers', 2]], 2)],
        [id('i1'), 'ResearchInstitute', points([['segmentPeers', 1]], 1)],
        [id('l'), 'Platform', points([['segmentPeers', 1]], 1)],
        [id('u2'), 'University', points([['sharedProjects', 1]], 0)],
        [id('u3'), 'University', points([['experts', 1]], 0)],
      ]);
      expect(found[0]).toMatchObject({
        segmentPeers: 2,
        served: 2,
        reasons: ['同链段已有 2 家企业与其合作', '目前仅服务 2 家企业，尚有余力'],
      });
      expect(found[3]?.reasons[0]).toBe('与贵企业的合作方共同承担过 1 个项目');
      expect(found[4]).toMatchObject({ experts: 1, expertise: [`${word}材料`] });
      expect(found[4]?.reasons[0]).toBe(`有 1 名专家的研究方向对口（${word}材料）`);
      // The breakdown adds up to the score before capacity: U1's is its segment peers' alone.
      expect(found[0]?.breakdown).toContainEqual({
        evidence: 'segmentPeers',
        count: 2,
        weight: 3,
        points: Math.round(300 * Math.log(3)),
      });
    });

    it('honours limit and weights, and refuses bad ones naming them', async () => {
      expect((await partners(id('e'), ', limit: 2')).map((s) => s.id)).toEqual([id('u1'), id('i1')]);
      // Segment peers weigh nothing: the project and the expert remain, in that order.
      const reweighted = await partners(id('e'), ', weights: { segmentPeers: 0 }');
      expect(reweighted.map((s) => s.id)).toEqual([id('u2'), id('u3')]);
      for (const [arg, message] of [
        ['limit: 0', /^limit: must be between 1 and 50/],
        ['limit: 51', /^limit: must be between 1 and 50/],
        ['weights: { load: -1 }', /^weights\.load: must be a number from 0 to 100; got -1/],
        ['weights: { experts: 101 }', /^weights\.experts: must be a number from 0 to 100/],
      ] as const) {
        const result = await app.execute(`query ($id: ID!) { partnerSuggestions(enterpriseId: $id, ${arg}) { id } }`, {
          id: id('e'),
        });
        expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.message).toMatch(message);
      }
    });

    it("gives each suggestion an id of its question, so a client cache never shows one question's score under another", async () => {
      type Scoped = { partnerSuggestions: { id: string; candidateId: string; score: number }[] };
      const ask = async (extra: string) => {
        const result = await app.execute<Scoped>(
          `query ($id: ID!) { partnerSuggestions(enterpriseId: $id${extra}) { id candidateId score } }`,
          { id: id('e') },
        );
        expect(result.errors).toBeUndefined();
        return new Map((result.data?.partnerSuggestions ?? []).map((s) => [s.candidateId, s]));
      };
      const plain = await ask('');
      const again = await ask(', limit: 1');
      // U2's evidence is its shared project (see the first test): weighing those more scores it higher.
      const reweighted = await ask(', weights: { sharedProjects: 4 }');
      const u2 = id('u2');
      expect(plain.get(u2)?.id).toBe(`partnerSuggestions(${id('e')})/${u2}`);
      // The limit only cuts the list: the same question, the same ids.
      const [best] = [...again.values()];
      expect(best?.id).toBe(plain.get(best?.candidateId ?? '')?.id);
      // Other weights are another question: another id, and here another score for the same candidate.
      expect(reweighted.get(u2)?.id).toMatch(new RegExp(`^partnerSuggestions\\(${id('e')},[0-9a-f]{12}\\)/${u2}$`));
      expect(reweighted.get(u2)?.score).toBeGreaterThan(plain.get(u2)?.score ?? Infinity);
    });
  });

  describe('partners of firms like it: same industry class, division, county; spare capacity', () => {
    // F (class <dA>51, county K1) is in no segment. In county K2: 3 firms of its class cooperate with UA, 1 with UB,
    // 1 with UB2 (which also serves 10 firms of another division), 2 of another class of its division with UC. In K1:
    // 1 firm of another class of its division cooperates with UD; 1 firm of another division with UE (no evidence).
    // F cooperates with UF, as do 2 of its class: UF is never suggested.
    beforeAll(async () => {
      await app.write(
        `CREATE (k1:Region {id: $p + 'k1', code: $k1, name: '甲县（示例）', level: 'COUNTY', synthetic: true})
         CREATE (k2:Region {id: $p + 'k2', code: $k2, name: '乙县（示例）', level: 'COUNTY', synthetic: true})
         CREATE (f:Enterprise {id: $p + 'f', name: 'F（示例）', industryCode: $cls, aboveScale: true, backbone: false, synthetic: true})-[:LOCATED_IN]->(k1)
         WITH k1, k2, f
         UNWIND ['ua', 'ub', 'ub2', 'uc', 'ud', 'ue', 'uf'] AS u
         CREATE (:University {id: $p + u, name: toUpper(u) + '（示例）', local: true, synthetic: true})
         WITH DISTINCT k1, k2, f
         UNWIND [
           ['a1', $cls, 'k2', 'ua'], ['a2', $cls, 'k2', 'ua'], ['a3', $cls, 'k2', 'ua'], ['b1', $cls, 'k2', 'ub'],
           ['b2', $cls, 'k2', 'ub2'], ['c1', $other, 'k2', 'uc'], ['c2', $other, 'k2', 'uc'], ['d1', $other, 'k1', 'ud'],
           ['e1', $far, 'k1', 'ue'], ['f1', $cls, 'k2', 'uf'], ['f2', $cls, 'k2', 'uf']
         ] AS row
         MATCH (county:Region {id: $p + row[2]}), (u:University {id: $p + row[3]})
         CREATE (peer:Enterprise {id: $p + row[0], name: row[0] + '（示例）', industryCode: row[1], aboveScale: true, backbone: false, synthetic: true})
         CREATE (peer)-[:LOCATED_IN]->(county), (peer)-[:COOPERATES_WITH]->(u)
         WITH DISTINCT f
         MATCH (uf:University {id: $p + 'uf'}), (ub2:University {id: $p + 'ub2'})
         CREATE (f)-[:COOPERATES_WITH]->(uf)
         WITH ub2
         UNWIND range(1, 10) AS i
         CREATE (:Enterprise {id: $p + 'load' + i, name: 'L' + i + '（示例）', industryCode: $far, aboveScale: false, backbone: false, synthetic: true})-[:COOPERATES_WITH]->(ub2)`,
        {
          k1: nextRegionCode(),
          k2: nextRegionCode(),
          cls: `${dA}51`,
          other: `${dA}52`,
          far: `${dB}10`,
        },
      );
    });

    it('ranks the partners of firms of its class first, then its county, then its division; load lowers a score', async () => {
      const found = await partners(id('f'));
      expect(found.map((s) => [s.id, s.score])).toEqual([
        [id('ua'), points([['industryPeers', 3]], 3)],
        [id('ub'), points([['industryPeers', 1]], 1)],
        [id('ub2'), points([['industryPeers', 1]], 11)],
        [
          id('ud'),
          points(
            [
              ['divisionPeers', 1],
              ['countyPeers', 1],
            ],
            1,
          ),
        ],
        [id('uc'), points([['divisionPeers', 2]], 2)],
      ]);
      expect(found[0]).toMatchObject({ industryPeers: 3, divisionPeers: 0, countyPeers: 0 });
      expect(found[0]?.reasons[0]).toBe(`同行业（${dA}51）已有 3 家企业与其合作`);
      expect(found[2]?.reasons.at(-1)).toBe('已服务 11 家企业');
      expect(found[3]).toMatchObject({ divisionPeers: 1, countyPeers: 1 });
      expect(found[3]?.reasons).toContain(`同行业大类（${dA}）另有 1 家企业与其合作`);
      expect(found[3]?.reasons).toContain('同县区同行业大类已有 1 家企业与其合作');
    });

    it('suggests nothing when the weights of the only evidence are 0', async () => {
      expect(await partners(id('f'), ', weights: { industryPeers: 0, divisionPeers: 0, countyPeers: 0 }')).toEqual([]);
    });
  });

  describe("the chains a firm's industry feeds: their platforms and experts (chain keywords)", () => {
    // Chain C2 lists the division <dC> among its industryCodes and the keyword `测<tok>`. G (class <dC>77) is in no
    // segment. PL1 serves C2; PL3 serves C2 but was merged into PL1; PL2 serves another chain. UX employs two
    // experts whose terms contain the keyword, UY one (and one who does not fit).
    beforeAll(async () => {
      await app.write(
        `CREATE (c2:IndustryChain {id: $p + 'c2', name: '乙测试产业链（示例）', industryCodes: [$div], keywords: [$kw], leading: false, verified: false, synthetic: true})
         CREATE (c3:IndustryChain {id: $p + 'c3', name: '丙测试产业链（示例）', leading: false, verified: false, synthetic: true})
         CREATE (:Enterprise {id: $p + 'g', name: 'G（示例）', industryCode: $cls, aboveScale: true, backbone: false, synthetic: true})
         CREATE (pl1:Platform {id: $p + 'pl1', name: 'PL1（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', synthetic: true})-[:SERVES]->(c2)
         CREATE (pl3:Platform {id: $p + 'pl3', name: 'PL3（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', synthetic: true})-[:SERVES]->(c2)
         CREATE (pl3)-[:MERGED_INTO]->(pl1)
         CREATE (:Platform {id: $p + 'pl2', name: 'PL2（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', synthetic: true})-[:SERVES]->(c3)
         CREATE (ux:University {id: $p + 'ux', name: 'UX（示例）', local: true, synthetic: true})
         CREATE (uy:ResearchInstitute {id: $p + 'uy', name: 'UY（示例）', local: true, synthetic: true})
         CREATE (:Person {id: $p + 'x1', name: 'X1（示例）', expertise: [$kw + '材料'], synthetic: true})-[:EMPLOYED_BY]->(ux)
         CREATE (:Person {id: $p + 'x2', name: 'X2（示例）', expertise: ['其他', $kw + '工艺'], synthetic: true})-[:EMPLOYED_BY]->(ux)
         CREATE (:Person {id: $p + 'y1', name: 'Y1（示例）', expertise: [$kw + '检测'], synthetic: true})-[:EMPLOYED_BY]->(uy)
         CREATE (:Person {id: $p + 'y2', name: 'Y2（示例）', expertise: ['无关方向'], synthetic: true})-[:EMPLOYED_BY]->(uy)`,
        { div: dC, cls: `${dC}77`, kw: keyword },
      );
    });

    it("suggests the chain's experts and platforms, never a merged platform", async () => {
      const found = await partners(id('g'));
      expect(found.map((s) => [s.id, s.score])).toEqual([
        [id('ux'), points([['experts', 2]], 0)],
        [id('uy'), points([['experts', 1]], 0)],
        [id('pl1'), points([['chainPlatforms', 1]], 0)],
      ]);
      expect(found[0]?.expertise).toEqual([`${keyword}工艺`, `${keyword}材料`]); // sorted (工 < 材)
      expect(found[2]?.reasons[0]).toBe('服务于贵企业所在产业链（乙测试产业链（示例））');
    });
  });

  describe('科技副总: deputySuggestions and deputyCandidatesFor', () => {
    // Chain C4 (keyword `副<tok>`) has segment S4. H is of its industry (class <dB>88, listed by C4), H2 and H3 work in
    // S4, H4 of the class 97xx it lists without the section letter (H4's code is T97xx). D1 (教授, employer W1) and D2 (副教授, W2, seconded to H3 until 2026) fit and are free in 2026; D3 fits but
    // is seconded until 2028; D4 was H's deputy before; D5 does not fit. HP, of H's class, cooperates with W2. In 2024: H has a report without an R&D
    // institution or cooperation, H2 no report, H3 both.
    const kw = () => `副${tok}`;
    // A class of section T (97) written without its letter, as a bureau might: H4's code has the letter.
    const bare = `97${String(randomInt(0, 100)).padStart(2, '0')}`;
    beforeAll(async () => {
      await app.write(
        `CREATE (c4:IndustryChain {id: $p + 'c4', name: '丁测试产业链（示例）', industryCodes: [$cls, $bare], keywords: [$kw], leading: false, verified: false, synthetic: true})
         CREATE (s4:ChainSegment {id: $p + 's4', name: '丁链段（示例）', position: 'UPSTREAM', synthetic: true})-[:OF_CHAIN]->(c4)
         CREATE (h:Enterprise {id: $p + 'h', name: 'H（示例）', industryCode: $cls, aboveScale: true, backbone: false, synthetic: true})
         CREATE (h2:Enterprise {id: $p + 'h2', name: 'H2（示例）', aboveScale: false, backbone: false, synthetic: true})-[:OPERATES_IN]->(s4)
         CREATE (h3:Enterprise {id: $p + 'h3', name: 'H3（示例）', aboveScale: true, backbone: false, synthetic: true})-[:OPERATES_IN]->(s4)
         CREATE (h)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'rh', year: 2024, hasRdInstitution: false, hasIurCooperation: false, synthetic: true})
         CREATE (h3)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'rh3', year: 2024, hasRdInstitution: true, hasIurCooperation: true, synthetic: true})
         CREATE (:Enterprise {id: $p + 'h4', name: 'H4（示例）', industryCode: 'T' + $bare, aboveScale: false, backbone: false, synthetic: true})
           -[:HAS_REPORT]->(:AnnualReport {id: $p + 'rh4', year: 2024, hasRdInstitution: true, hasIurCooperation: true, synthetic: true})
         CREATE (w1:University {id: $p + 'w1', name: 'W1（示例）', local: true, synthetic: true})
         CREATE (w2:ResearchInstitute {id: $p + 'w2', name: 'W2（示例）', local: true, synthetic: true})
         CREATE (d1:Person {id: $p + 'd1', name: 'D1（示例）', title: '教授', expertise: [$kw + '工艺'], synthetic: true})-[:EMPLOYED_BY]->(w1)
         CREATE (d2:Person {id: $p + 'd2', name: 'D2（示例）', title: '副教授', expertise: [$kw + '材料'], synthetic: true})-[:EMPLOYED_BY]->(w2)
         CREATE (d3:Person {id: $p + 'd3', name: 'D3（示例）', title: '教授', expertise: [$kw + '装备'], synthetic: true})-[:EMPLOYED_BY]->(w1)
         CREATE (d4:Person {id: $p + 'd4', name: 'D4（示例）', title: '教授', expertise: [$kw + '检测'], synthetic: true})-[:EMPLOYED_BY]->(w1)
         CREATE (:Person {id: $p + 'd5', name: 'D5（示例）', title: '教授', expertise: ['无关'], synthetic: true})-[:EMPLOYED_BY]->(w1)
         CREATE (d2)-[:SECONDED_TO {programme: '科技副总', fromYear: 2024, toYear: 2026}]->(h3)
         CREATE (:Enterprise {id: $p + 'hp', name: 'HP（示例）', industryCode: $cls, aboveScale: false, backbone: false, synthetic: true})-[:COOPERATES_WITH]->(w2)
         CREATE (d3)-[:SECONDED_TO {programme: '科技副总', fromYear: 2025, toYear: 2028}]->(h2)
         CREATE (d4)-[:SECONDED_TO {programme: '科技副总', fromYear: 2020, toYear: 2022}]->(h)`,
        { cls: `${dB}88`, bare, kw: kw() },
      );
    });

    it('suggests free experts who fit, a senior one first, with reasons; never a busy one or a former deputy', async () => {
      const result = await app.execute<{ deputySuggestions: Record<string, unknown>[] }>(
        `query ($id: ID!) { deputySuggestions(enterpriseId: $id, year: 2026) {
           id: personId employerId employerName endingSecondment expertise chains score reasons } }`,
        { id: id('h') },
      );
      expect(result.errors).toBeUndefined();
      // D2: 2 × 1 term + 0.5 × ln 2 (HP, of H's class, cooperates with W2) + 0.5 × 0.5 (associate title) = 2.60;
      // D1: 2 × 1 + 0.5 × 1 (full senior title) = 2.50.
      expect(result.data?.deputySuggestions).toEqual([
        {
          id: id('d2'),
          employerId: id('w2'),
          employerName: 'W2（示例）',
          endingSecondment: 'H3（示例）',
          expertise: [`${kw()}材料`],
          chains: ['丁测试产业链（示例）'],
          score: 260,
          reasons: [
            `研究方向（${kw()}材料）对口丁测试产业链（示例）`,
            '所在单位已与同行业 1 家企业合作',
            '在H3（示例）的科技副总任期于 2026 年结束',
          ],
        },
        {
          id: id('d1'),
          employerId: id('w1'),
          employerName: 'W1（示例）',
          endingSecondment: null,
          expertise: [`${kw()}工艺`],
          chains: ['丁测试产业链（示例）'],
          score: 250,
          reasons: [`研究方向（${kw()}工艺）对口丁测试产业链（示例）`, '教授', '2026 年未任科技副总'],
        },
      ]);
      // In 2025 D2's secondment still runs past the year: only D1.
      const earlier = await app.execute<{ deputySuggestions: { id: string }[] }>(
        `query ($id: ID!) { deputySuggestions(enterpriseId: $id, year: 2025) { id: personId } }`,
        { id: id('h') },
      );
      expect(earlier.data?.deputySuggestions.map((d) => d.id)).toEqual([id('d1')]);
    });

    it('lists the firms an expert could serve, gap firms first, never the one they were seconded to', async () => {
      const result = await app.execute<{ deputyCandidatesFor: Record<string, unknown>[] }>(
        `query ($id: ID!) { deputyCandidatesFor(personId: $id, year: 2024) { id: enterpriseId gaps chains score reasons } }`,
        { id: id('d1') },
      );
      expect(result.errors).toBeUndefined();
      // H2: 2 gaps (no report) × 10 + 2 (segment); H: 2 gaps × 10 + 1 (industry); HP: 1 gap (it cooperates) × 10 + 1;
      // H3: no gap, 2 (segment); H4: 1.
      expect(result.data?.deputyCandidatesFor).toEqual([
        {
          id: id('h2'),
          gaps: ['NO_RD_INSTITUTION', 'NO_COOPERATION'],
          chains: ['丁测试产业链（示例）'],
          score: 2200,
          reasons: ['尚无研发机构', '尚无产学研合作', '位于丁测试产业链（示例）', `专家研究方向（${kw()}工艺）对口`],
        },
        {
          id: id('h'),
          gaps: ['NO_RD_INSTITUTION', 'NO_COOPERATION'],
          chains: ['丁测试产业链（示例）'],
          score: 2100,
          reasons: [
            '尚无研发机构',
            '尚无产学研合作',
            `主营行业（${dB}88）属于丁测试产业链（示例）`,
            `专家研究方向（${kw()}工艺）对口`,
            '规模以上企业',
          ],
        },
        {
          id: id('hp'),
          gaps: ['NO_RD_INSTITUTION'],
          chains: ['丁测试产业链（示例）'],
          score: 1100,
          reasons: ['尚无研发机构', `主营行业（${dB}88）属于丁测试产业链（示例）`, `专家研究方向（${kw()}工艺）对口`],
        },
        {
          id: id('h3'),
          gaps: [],
          chains: ['丁测试产业链（示例）'],
          score: 200,
          reasons: ['位于丁测试产业链（示例）', `专家研究方向（${kw()}工艺）对口`, '规模以上企业'],
        },
        {
          id: id('h4'),
          gaps: [],
          chains: ['丁测试产业链（示例）'],
          score: 100,
          reasons: [`主营行业（T${bare}）属于丁测试产业链（示例）`, `专家研究方向（${kw()}工艺）对口`],
        },
      ]);
      const former = await app.execute<{ deputyCandidatesFor: { id: string }[] }>(
        `query ($id: ID!) { deputyCandidatesFor(personId: $id, year: 2024) { id: enterpriseId } }`,
        { id: id('d4') },
      );
      expect(former.data?.deputyCandidatesFor.map((c) => c.id)).toEqual([id('h2'), id('hp'), id('h3'), id('h4')]);
    });
  });

  it('answers NOT_FOUND for an unknown enterprise or person, naming the argument', async () => {
    for (const [query, argument, what] of [
      ['{ partnerSuggestions(enterpriseId: "no-such-firm") { id } }', 'enterpriseId', 'enterprise'],
      ['{ deputySuggestions(enterpriseId: "no-such-firm") { id } }', 'enterpriseId', 'enterprise'],
      ['{ deputyCandidatesFor(personId: "no-such-firm") { id } }', 'personId', 'person'],
    ] as const) {
      const result = await app.execute(query);
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(result.errors?.[0]?.message).toBe(`${argument}: no ${what} has the id "no-such-firm"`);
    }
  });

  describe('a gap list page with its suggestions', () => {
    // N firms of revenue 20亿 in a region of their own, without a consortium: enterprisesWithoutConsortium lists them.
    // Each has a class peer cooperating with a university of its own, so each has that suggestion first.
    const N = 12;
    let region: string;
    beforeAll(async () => {
      region = nextRegionCode();
      await app.write(
        `CREATE (r:Region {id: $p + 'gr', code: $code, name: '页区（示例）', level: 'DISTRICT', synthetic: true})
         WITH r
         UNWIND range(1, $n) AS i
         CREATE (e:Enterprise {id: $p + 'g' + i, name: '页企业' + i + '（示例）', industryCode: $div + right('0' + i, 2),
                 revenue: 2000000000, aboveScale: true, backbone: false, synthetic: true})-[:LOCATED_IN]->(r)
         CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'gr' + i, year: 2024, revenue: 2000000000, aboveScale: true, synthetic: true})
         CREATE (:Enterprise {id: $p + 'gp' + i, name: '页同行' + i + '（示例）', industryCode: $div + right('0' + i, 2),
                 aboveScale: false, backbone: false, synthetic: true})
           -[:COOPERATES_WITH]->(:University {id: $p + 'gu' + i, name: '页高校' + i + '（示例）', local: true, synthetic: true})`,
        { code: region, n: N, div: dD },
      );
    });

    const page = (limit: number, withSuggestions: boolean) =>
      `query ($r: RegionCode) { enterprisesWithoutConsortium(year: 2024, regionCode: $r, limit: ${limit}) {
         id name ${withSuggestions ? 'partnerSuggestions(limit: 3) { id: candidateId reasons }' : ''} } }`;

    async function statementsOf(query: string) {
      const before = counter.statements();
      const result = await app.execute<{
        enterprisesWithoutConsortium: { id: string; partnerSuggestions?: { id: string }[] }[];
      }>(query, { r: region });
      expect(result.errors).toBeUndefined();
      return { statements: counter.statements() - before, rows: result.data?.enterprisesWithoutConsortium ?? [] };
    }

    it('answers every row in one more read, whatever the page size', async () => {
      const plain = await statementsOf(page(N, false));
      const full = await statementsOf(page(N, true));
      const small = await statementsOf(page(3, true));
      expect(plain.rows).toHaveLength(N);
      expect(full.rows).toHaveLength(N);
      // One read: whether the maintained partner counters are ready, then the page's suggestions in one statement.
      expect(full.statements).toBe(plain.statements + 2);
      expect(small.statements).toBe(full.statements);
      // Each firm's first suggestion is the university of its own class peer (the others' are division peers).
      for (const row of full.rows) {
        expect(row.partnerSuggestions?.[0]?.id).toBe(row.id.replace(/g(\d+)$/, 'gu$1'));
      }
    });

    it('refuses the field to a viewer (403 before anything runs) and asks for the id when it is not selected', async () => {
      const before = counter.statements();
      const viewer = await app.execute(page(3, true), { r: region }, as('viewer-1', 'viewer'));
      expect(counter.statements() - before).toBe(0);
      expect(viewer.status).toBe(403);
      expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(viewer.errors?.[0]?.message).toMatch(/partnerSuggestions/);
      const noId = await app.execute(
        `query ($r: RegionCode) { enterprisesWithoutConsortium(year: 2024, regionCode: $r, limit: 1) {
           name partnerSuggestions { id } } }`,
        { r: region },
      );
      expect(noId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(noId.errors?.[0]?.message).toMatch(/^partnerSuggestions: select the enterprise's id/);
    });
  });
});
