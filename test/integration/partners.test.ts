import { createTestApp, type TestApp } from '../support/testApp';

/**
 * E works in segment S of chain C. Peers P1, P2 in S cooperate with U1 (2 peers); P1 with I1 (1 peer); platform L
 * partners with P2 (1 peer). E cooperates with I2 (its partner), which undertook project X together with U2. U3
 * employs an expert whose field matches C's name. U4 has peer evidence but shares a consortium with E, and I2 is
 * already E's partner: both are excluded. Expected: U1 6, I1 3, L 3, U2 2, U3 1.
 */
describe('partnerSuggestions', () => {
  let app: TestApp;
  let id: (s: string) => string;

  beforeAll(async () => {
    app = await createTestApp();
    id = (s) => `${app.prefix}${s}`;
    const word = [...app.prefix.slice(1, 3)].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(c, 16)]).join('');
    await app.driver.executeQuery(
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
      { p: app.prefix, w: word },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('ranks candidates by evidence, excludes current partners, and explains each score', async () => {
    const result = await app.execute<{ partnerSuggestions: Record<string, unknown>[] }>(
      'query ($id: ID!) { partnerSuggestions(enterpriseId: $id) { id type score segmentPeers sharedProjects experts reasons } }',
      { id: id('e') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.partnerSuggestions).toEqual([
      {
        id: id('u1'),
        type: 'University',
        score: 6,
        segmentPeers: 2,
        sharedProjects: 0,
        experts: 0,
        reasons: ['同链段已有 2 家企业与其合作'],
      },
      {
        id: id('i1'),
        type: 'ResearchInstitute',
        score: 3,
        segmentPeers: 1,
        sharedProjects: 0,
        experts: 0,
        reasons: ['同链段已有 1 家企业与其合作'],
      },
      {
        id: id('l'),
        type: 'Platform',
        score: 3,
        segmentPeers: 1,
        sharedProjects: 0,
        experts: 0,
        reasons: ['同链段已有 1 家企业与其合作'],
      },
      {
        id: id('u2'),
        type: 'University',
        score: 2,
        segmentPeers: 0,
        sharedProjects: 1,
        experts: 0,
        reasons: ['与贵企业的合作方共同承担过 1 个项目'],
      },
      {
        id: id('u3'),
        type: 'University',
        score: 1,
        segmentPeers: 0,
        sharedProjects: 0,
        experts: 1,
        reasons: ['有 1 名与本产业链相关领域的专家'],
      },
    ]);
  });

  it('honours limit', async () => {
    const result = await app.execute<{ partnerSuggestions: { id: string }[] }>(
      'query ($id: ID!) { partnerSuggestions(enterpriseId: $id, limit: 2) { id } }',
      { id: id('e') },
    );
    expect(result.data?.partnerSuggestions.map((s) => s.id)).toEqual([id('u1'), id('i1')]);
  });

  it.each([
    ['limit: 0', 'BAD_USER_INPUT', /^limit: must be between 1 and 50/],
    ['limit: 51', 'BAD_USER_INPUT', /^limit: must be between 1 and 50/],
  ])('rejects %s', async (arg, code, message) => {
    const result = await app.execute(`query ($id: ID!) { partnerSuggestions(enterpriseId: $id, ${arg}) { id } }`, {
      id: id('e'),
    });
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('answers NOT_FOUND for an unknown enterprise', async () => {
    const result = await app.execute('{ partnerSuggestions(enterpriseId: "no-such-firm") { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toBe('enterpriseId: no enterprise has the id "no-such-firm"');
  });
});
