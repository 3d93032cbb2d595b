import { runAutoCommit } from '../../src/db';
import { createTestApp, createTestRegions, DATABASE, type TestApp } from '../support/testApp';
import { nextRegionCode, UNUSED_REGION_CODE } from '../support/regionCodes';

type GraphQLErrors = readonly { message: string; extensions?: Record<string, unknown> }[];

interface Ratio {
  value: number;
  numerator: number;
  denominator: number;
}

const METRIC = `
  query ($name: MetricName!, $year: Int!, $regionCode: RegionCode, $chainId: ID) {
    metric(name: $name, year: $year, regionCode: $regionCode, chainId: $chainId) { value numerator denominator }
  }`;

/** A list field of Enterprise nodes with every argument a gap field may take, selecting ids. */
function enterpriseGap(field: string, args: string): string {
  const declared = args
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const vars = declared.map((a) => `$${a.split(':')[0]}: ${a.split(':')[1]}`).join(', ');
  const pass = declared.map((a) => `${a.split(':')[0]}: $${a.split(':')[0]}`).join(', ');
  return `query (${vars}) { ${field}(${pass}) { id } }`;
}

const R_ARGS = 'minRevenue:BigInt, year:Int, regionCode:RegionCode, chainId:ID, limit:Int, offset:Int';

describe('planner gap queries on a real Neo4j', () => {
  let app: TestApp;
  // The database is shared, so every expectation is scoped to a region or chain made here.
  const newRegionCode = nextRegionCode;
  const UNKNOWN_REGION = UNUSED_REGION_CODE;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const id = (key: string): string => `${app.prefix}${key}`;

  const write = (cypher: string, params?: Record<string, unknown>): Promise<void> => app.write(cypher, params);

  const regions = (key: string) => createTestRegions(app, key, newRegionCode);

  /**
   * Firms `<p><key>-<name>` located in a region of the test, each with AnnualReports: rows of
   * {name, region: 'district'|'city'|'elsewhere', revenue, year = 2024, flags...}.
   */
  async function firms(key: string, rows: Record<string, unknown>[]): Promise<void> {
    await write(
      `UNWIND $rows AS row
       MATCH (region:Region {id: $p + $key + coalesce(row.region, 'district')})
       MERGE (e:Enterprise {id: $p + $key + '-' + row.name})
         ON CREATE SET e.name = row.name, e.backbone = coalesce(row.backbone, false), e.aboveScale = true,
           e.synthetic = true, e.revenue = toInteger(row.latest)
       MERGE (e)-[:LOCATED_IN]->(region)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + $key + '-' + row.name + '-' + coalesce(row.year, 2024),
         year: coalesce(row.year, 2024), revenue: toInteger(row.revenue), aboveScale: coalesce(row.above, true),
         hasRdInstitution: coalesce(row.inst, false), hasRdStaff: coalesce(row.staff, true),
         hasRdSpending: coalesce(row.spending, true), hasIurCooperation: coalesce(row.iur, true), synthetic: true})`,
      { key, rows },
    );
  }

  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await app.execute<T>(query, variables);
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error('no data');
    return result.data;
  }

  async function gqlErrors(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLErrors> {
    const result = await app.execute(query, variables);
    expect(result.data ?? null).toBeNull();
    return result.errors ?? [];
  }

  async function ids(field: string, args: string, variables: Record<string, unknown>): Promise<string[]> {
    const data = await gql<Record<string, { id: string }[]>>(enterpriseGap(field, args), variables);
    return (data[field] ?? []).map((n) => n.id);
  }

  async function metric(name: string, variables: Record<string, unknown>): Promise<Ratio> {
    return (await gql<{ metric: Ratio }>(METRIC, { name, ...variables })).metric;
  }

  it('R1 lists firms at or above the threshold in the review year without an R&D institution, by revenue', async () => {
    const { city, district } = await regions('r1');
    await firms('r1', [
      { name: 'at-threshold', revenue: 100_000_000 },
      { name: 'one-below', revenue: 99_999_999 },
      { name: 'flag', revenue: 500_000_000, inst: true },
      { name: 'hosts', revenue: 300_000_000 },
      { name: 'hosts-later', revenue: 200_000_000 },
      { name: 'flag-other-year', revenue: 400_000_000 },
      { name: 'flag-other-year', revenue: 380_000_000, year: 2023, inst: true },
      { name: 'elsewhere', revenue: 900_000_000, region: 'elsewhere' },
    ]);
    await write(
      `MATCH (hosts:Enterprise {id: $p + 'r1-hosts'}), (later:Enterprise {id: $p + 'r1-hosts-later'})
       CREATE (hosts)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'r1-p1', name: 'p1', kind: 'OTHER',
         level: 'MUNICIPAL', approvedYear: 2020, synthetic: true})
       CREATE (later)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'r1-p2', name: 'p2', kind: 'KEY_LABORATORY',
         level: 'MUNICIPAL', approvedYear: 2025, synthetic: true})`,
    );
    const field = 'enterprisesWithoutRdInstitution';
    const expected = [id('r1-flag-other-year'), id('r1-hosts-later'), id('r1-at-threshold')];
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city })).toEqual(expected);
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: district })).toEqual(expected);
    // One yuan lower and the firm one yuan below the default threshold joins.
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city, minRevenue: '99999999' })).toEqual([
      ...expected,
      id('r1-one-below'),
    ]);
    // 2023: only flag-other-year reported, and that year's report says it has an R&D institution.
    expect(await ids(field, R_ARGS, { year: 2023, regionCode: city })).toEqual([]);
    // Paging: limit and offset cut the same ordered list.
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city, limit: 2 })).toEqual(expected.slice(0, 2));
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city, limit: 2, offset: 2 })).toEqual(expected.slice(2));
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city, limit: 1, offset: 1 })).toEqual([expected[1]]);
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city, offset: 3 })).toEqual([]);
    // Nested fields resolve through @neo4j/graphql.
    const nested = await gql<{ enterprisesWithoutRdInstitution: { locatedIn: { code: string }[] }[] }>(
      `query ($r: RegionCode) { enterprisesWithoutRdInstitution(year: 2024, regionCode: $r, limit: 1) {
         locatedIn { code } } }`,
      { r: city },
    );
    expect(nested.enterprisesWithoutRdInstitution).toEqual([{ locatedIn: [{ code: district }] }]);

    expect(await metric('R1_COMPLIANCE', { year: 2024, regionCode: city })).toEqual({
      value: 2 / 5,
      numerator: 2,
      denominator: 5,
    });
  });

  it('R2 counts a landmark result of the last withinYears years only, and filters by chain', async () => {
    await regions('r2');
    await firms('r2', [
      { name: 'recent', revenue: 600_000_000 },
      { name: 'old', revenue: 700_000_000 },
      { name: 'not-landmark', revenue: 800_000_000 },
      { name: 'future', revenue: 900_000_000 },
      { name: 'off-chain', revenue: 950_000_000 },
      { name: 'small', revenue: 499_999_999 },
    ]);
    await write(
      `CREATE (chain:IndustryChain {id: $p + 'r2-chain', name: '测试链（示例）', leading: false, verified: false,
         synthetic: true})
       CREATE (seg:ChainSegment {id: $p + 'r2-seg', name: '上游', position: 'UPSTREAM', synthetic: true})
         -[:OF_CHAIN]->(chain)
       WITH chain, seg
       UNWIND [['recent', 2022, true], ['old', 2021, true], ['not-landmark', 2024, false], ['future', 2025, true],
               ['small', 2024, false]] AS row
       MATCH (e:Enterprise {id: $p + 'r2-' + row[0]})
       CREATE (e)-[:OPERATES_IN]->(seg)
       CREATE (e)-[:ACHIEVED]->(:Achievement {id: $p + 'r2-a-' + row[0], title: row[0], kind: 'PATENT',
         year: row[1], landmark: row[2], synthetic: true})`,
    );
    const chainId = id('r2-chain');
    const field = 'enterprisesWithoutLandmarkAchievement';
    const args = `${R_ARGS}, withinYears:Int`;
    expect(await ids(field, args, { year: 2024, chainId })).toEqual([
      id('r2-future'),
      id('r2-not-landmark'),
      id('r2-old'),
    ]);
    expect(await ids(field, args, { year: 2024, chainId, withinYears: 4 })).toEqual([
      id('r2-future'),
      id('r2-not-landmark'),
    ]);
    expect(await metric('R2_COMPLIANCE', { year: 2024, chainId })).toEqual({
      value: 1 / 4,
      numerator: 1,
      denominator: 4,
    });
  });

  it('R3 counts leading and being a member of a consortium; a firm exactly at 10亿 is in, one yuan below is not', async () => {
    await regions('r3');
    await firms('r3', [
      { name: 'leader', revenue: 3_000_000_000 },
      { name: 'member', revenue: 2_000_000_000 },
      { name: 'none', revenue: 1_500_000_000 },
      { name: 'exact', revenue: 1_000_000_000 },
      { name: 'below', revenue: 999_999_999 },
      { name: 'off-chain', revenue: 5_000_000_000 },
    ]);
    await write(
      `CREATE (chain:IndustryChain {id: $p + 'r3-chain', name: '测试链（示例）', leading: false, verified: false,
         synthetic: true})
       CREATE (seg:ChainSegment {id: $p + 'r3-seg', name: '中游', position: 'MIDSTREAM', synthetic: true})
         -[:OF_CHAIN]->(chain)
       CREATE (k:Consortium {id: $p + 'r3-k', name: '联合体', level: 'PROVINCIAL', synthetic: true})
       WITH chain, seg, k
       MATCH (leader:Enterprise {id: $p + 'r3-leader'}), (member:Enterprise {id: $p + 'r3-member'}),
             (none:Enterprise {id: $p + 'r3-none'}), (exact:Enterprise {id: $p + 'r3-exact'}),
             (below:Enterprise {id: $p + 'r3-below'})
       CREATE (leader)-[:LEADS_CHAIN {sinceYear: 2020}]->(chain)
       CREATE (leader)-[:LEADS]->(k)
       CREATE (member)-[:MEMBER_OF]->(k)
       FOREACH (e IN [member, none, exact, below] | CREATE (e)-[:OPERATES_IN]->(seg))`,
    );
    const chainId = id('r3-chain');
    const field = 'enterprisesWithoutConsortium';
    expect(await ids(field, R_ARGS, { year: 2024, chainId })).toEqual([id('r3-none'), id('r3-exact')]);
    const ratio = await metric('R3_COMPLIANCE', { year: 2024, chainId });
    expect(ratio).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(ratio.denominator - ratio.numerator).toBe((await ids(field, R_ARGS, { year: 2024, chainId })).length);
  });

  it('R4 compares revenue beyond 32 bits exactly and counts TECH_LEADER only within its validity years', async () => {
    const { city } = await regions('r4');
    await firms('r4', [
      { name: 'valid', revenue: 20_000_000_000 },
      { name: 'expired', revenue: 19_000_000_000 },
      { name: 'not-yet', revenue: 18_000_000_000 },
      { name: 'other-qualification', revenue: 17_000_000_000 },
      { name: 'exact', revenue: 10_000_000_000 },
      { name: 'below', revenue: 9_999_999_999 },
    ]);
    await write(
      `MERGE (tl:Qualification {code: 'TECH_LEADER'}) ON CREATE SET tl.id = 'qual-TECH_LEADER',
         tl.name = '科技领军企业', tl.synthetic = false
       MERGE (ht:Qualification {code: 'HIGH_TECH'}) ON CREATE SET ht.id = 'qual-HIGH_TECH', ht.name = '高新技术企业',
         ht.synthetic = false
       WITH tl, ht
       MATCH (valid:Enterprise {id: $p + 'r4-valid'}), (expired:Enterprise {id: $p + 'r4-expired'}),
             (notYet:Enterprise {id: $p + 'r4-not-yet'}), (other:Enterprise {id: $p + 'r4-other-qualification'})
       CREATE (valid)-[:HOLDS {grantedYear: 2024, validUntilYear: 2024}]->(tl)
       CREATE (expired)-[:HOLDS {grantedYear: 2020, validUntilYear: 2023}]->(tl)
       CREATE (notYet)-[:HOLDS {grantedYear: 2025, validUntilYear: 2027}]->(tl)
       CREATE (other)-[:HOLDS {grantedYear: 2023, validUntilYear: 2025}]->(ht)`,
    );
    const field = 'enterprisesNotTechLeader';
    const expected = [id('r4-expired'), id('r4-not-yet'), id('r4-other-qualification'), id('r4-exact')];
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city })).toEqual(expected);
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city, minRevenue: '10000000000' })).toEqual(expected);
    expect(await ids(field, R_ARGS, { year: 2024, regionCode: city, minRevenue: '9999999999' })).toEqual([
      ...expected,
      id('r4-below'),
    ]);
    // An inline literal beyond 2^31 works too (BigInt).
    const inline = await gql<{ enterprisesNotTechLeader: { id: string; revenue: string | null }[] }>(
      `query ($r: RegionCode) { enterprisesNotTechLeader(minRevenue: 19000000000, year: 2024, regionCode: $r) {
         id revenue } }`,
      { r: city },
    );
    expect(inline.enterprisesNotTechLeader.map((e) => e.id)).toEqual([id('r4-expired')]);
    expect(await metric('R4_COMPLIANCE', { year: 2024, regionCode: city })).toEqual({
      value: 1 / 5,
      numerator: 1,
      denominator: 5,
    });
  });

  it('R5 lists backbone firms of leading chains that host no platform (approved by the year, when given)', async () => {
    const { city } = await regions('r5');
    const rows = ['none', 'hosts', 'leader', 'other-chain', 'not-backbone', 'later'].map((name, i) => ({
      name,
      revenue: 1000 + i,
      latest: 1000 + i,
      backbone: name !== 'not-backbone',
    }));
    await firms('r5', rows);
    await write(
      `CREATE (lead:IndustryChain {id: $p + 'r5-lead', name: '主导链（示例）', leading: true, verified: false,
         synthetic: true})
       CREATE (other:IndustryChain {id: $p + 'r5-other', name: '别的链（示例）', leading: false, verified: false,
         synthetic: true})
       CREATE (seg:ChainSegment {id: $p + 'r5-seg', name: '上游', position: 'UPSTREAM', synthetic: true})
         -[:OF_CHAIN]->(lead)
       CREATE (otherSeg:ChainSegment {id: $p + 'r5-oseg', name: '上游', position: 'UPSTREAM', synthetic: true})
         -[:OF_CHAIN]->(other)
       WITH lead, seg, otherSeg
       MATCH (none:Enterprise {id: $p + 'r5-none'}), (hosts:Enterprise {id: $p + 'r5-hosts'}),
             (leader:Enterprise {id: $p + 'r5-leader'}), (otherFirm:Enterprise {id: $p + 'r5-other-chain'}),
             (plain:Enterprise {id: $p + 'r5-not-backbone'}), (later:Enterprise {id: $p + 'r5-later'})
       FOREACH (e IN [none, hosts, plain, later] | CREATE (e)-[:OPERATES_IN]->(seg))
       CREATE (leader)-[:LEADS_CHAIN]->(lead)
       CREATE (otherFirm)-[:OPERATES_IN]->(otherSeg)
       CREATE (hosts)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'r5-p1', name: 'p1',
         kind: 'ENGINEERING_RESEARCH_CENTER', level: 'MUNICIPAL', approvedYear: 2020, synthetic: true})
       CREATE (later)-[:HOSTS {role: 'CO'}]->(:Platform {id: $p + 'r5-p2', name: 'p2', kind: 'INCUBATOR',
         level: 'MUNICIPAL', approvedYear: 2025, synthetic: true})`,
    );
    const field = 'backboneEnterprisesWithoutPlatform';
    const args = 'leadingChainsOnly:Boolean, year:Int, regionCode:RegionCode, chainId:ID, limit:Int, offset:Int';
    // Ordered by revenue descending: later 1005, other-chain 1003, leader 1002, none 1000.
    expect(await ids(field, args, { regionCode: city })).toEqual([id('r5-leader'), id('r5-none')]);
    expect(await ids(field, args, { regionCode: city, year: 2024 })).toEqual([
      id('r5-later'),
      id('r5-leader'),
      id('r5-none'),
    ]);
    expect(await ids(field, args, { regionCode: city, leadingChainsOnly: false })).toEqual([
      id('r5-other-chain'),
      id('r5-leader'),
      id('r5-none'),
    ]);
    expect(await ids(field, args, { chainId: id('r5-other'), leadingChainsOnly: false })).toEqual([
      id('r5-other-chain'),
    ]);
    expect(await metric('R5_COMPLIANCE', { year: 2024, regionCode: city })).toEqual({
      value: 1 / 4,
      numerator: 1,
      denominator: 4,
    });
  });

  it('finds chains without a lab partner: serving, hosted and partnering labs count, other platform kinds do not', async () => {
    await write(
      `UNWIND ['serves', 'hosted', 'partner', 'erc', 'none', 'offchain'] AS key
       CREATE (c:IndustryChain {id: $p + 'lab-' + key, name: key, leading: false, verified: false, synthetic: true})
       CREATE (:ChainSegment {id: $p + 'lab-seg-' + key, name: key, position: 'UPSTREAM', synthetic: true})
         -[:OF_CHAIN]->(c)
       WITH collect(c) AS chains
       MATCH (serves:IndustryChain {id: $p + 'lab-serves'}), (hostedChain:IndustryChain {id: $p + 'lab-hosted'}),
             (partnerChain:IndustryChain {id: $p + 'lab-partner'}), (erc:IndustryChain {id: $p + 'lab-erc'}),
             (hostedSeg:ChainSegment {id: $p + 'lab-seg-hosted'}), (ercSeg:ChainSegment {id: $p + 'lab-seg-erc'}),
             (offSeg:ChainSegment {id: $p + 'lab-seg-serves'})
       CREATE (:Platform {id: $p + 'lab-p-serves', name: 's', kind: 'LABORATORY', level: 'PROVINCIAL',
         synthetic: true})-[:SERVES]->(serves)
       CREATE (hoster:Enterprise {id: $p + 'lab-e-hoster', name: 'hoster', backbone: false, aboveScale: true,
         synthetic: true})-[:OPERATES_IN]->(hostedSeg)
       CREATE (hoster)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'lab-p-hosted', name: 'h',
         kind: 'KEY_LABORATORY', level: 'MUNICIPAL', synthetic: true})
       CREATE (chainLeader:Enterprise {id: $p + 'lab-e-leader', name: 'leader', backbone: true, aboveScale: true,
         synthetic: true})-[:LEADS_CHAIN]->(partnerChain)
       CREATE (:Platform {id: $p + 'lab-p-partner', name: 'j', kind: 'INTERNATIONAL_JOINT_LAB', level: 'PROVINCIAL',
         synthetic: true})-[:PARTNERS_WITH]->(chainLeader)
       CREATE (ercFirm:Enterprise {id: $p + 'lab-e-erc', name: 'erc', backbone: false, aboveScale: true,
         synthetic: true})-[:OPERATES_IN]->(ercSeg)
       CREATE (ercPlatform:Platform {id: $p + 'lab-p-erc', name: 'erc', kind: 'ENGINEERING_RESEARCH_CENTER',
         level: 'PROVINCIAL', synthetic: true})-[:SERVES]->(erc)
       CREATE (ercFirm)-[:HOSTS {role: 'LEAD'}]->(ercPlatform)
       CREATE (offFirm:Enterprise {id: $p + 'lab-e-off', name: 'off', backbone: false, aboveScale: true,
         synthetic: true})-[:OPERATES_IN]->(offSeg)
       CREATE (offFirm)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'lab-p-off', name: 'off', kind: 'LABORATORY',
         level: 'MUNICIPAL', synthetic: true})`,
    );
    const data = await gql<{ chainsWithoutLabPartner: { id: string }[] }>(
      '{ chainsWithoutLabPartner(limit: 500) { id } }',
    );
    const found = data.chainsWithoutLabPartner.map((c) => c.id);
    expect(found).toEqual(expect.arrayContaining([id('lab-erc'), id('lab-none'), id('lab-offchain')]));
    for (const has of ['lab-serves', 'lab-hosted', 'lab-partner']) expect(found).not.toContain(id(has));
    expect([...found].sort()).toEqual(found);
  });

  it('finds chains without a university partner: cooperation, a consortium targeting the chain, a seconded deputy', async () => {
    await write(
      `UNWIND ['coop', 'consortium', 'untargeted', 'deputy', 'institute', 'none'] AS key
       CREATE (c:IndustryChain {id: $p + 'uni-' + key, name: key, leading: false, verified: false, synthetic: true})
       CREATE (s:ChainSegment {id: $p + 'uni-seg-' + key, name: key, position: 'UPSTREAM', synthetic: true})
         -[:OF_CHAIN]->(c)
       CREATE (:Enterprise {id: $p + 'uni-e-' + key, name: key, backbone: false, aboveScale: true, synthetic: true})
         -[:OPERATES_IN]->(s)
       WITH count(*) AS made
       MATCH (coop:Enterprise {id: $p + 'uni-e-coop'}), (inConsortium:Enterprise {id: $p + 'uni-e-consortium'}),
             (untargeted:Enterprise {id: $p + 'uni-e-untargeted'}), (deputyFirm:Enterprise {id: $p + 'uni-e-deputy'}),
             (instFirm:Enterprise {id: $p + 'uni-e-institute'}),
             (consortiumChain:IndustryChain {id: $p + 'uni-consortium'}), (noneChain:IndustryChain {id: $p + 'uni-none'})
       CREATE (u:University {id: $p + 'uni-u', name: 'U', local: true, synthetic: true})
       CREATE (coop)-[:COOPERATES_WITH {kind: '技术转让'}]->(u)
       CREATE (k1:Consortium {id: $p + 'uni-k1', name: 'k1', level: 'PROVINCIAL', synthetic: true})
         -[:TARGETS]->(consortiumChain)
       CREATE (u)-[:MEMBER_OF]->(k1)
       CREATE (inConsortium)-[:MEMBER_OF]->(k1)
       CREATE (k2:Consortium {id: $p + 'uni-k2', name: 'k2', level: 'PROVINCIAL', synthetic: true})
         -[:TARGETS]->(noneChain)
       CREATE (u)-[:MEMBER_OF]->(k2)
       CREATE (untargeted)-[:LEADS]->(k2)
       CREATE (:Person {id: $p + 'uni-person', name: 'P', synthetic: true})-[:EMPLOYED_BY]->(u)
       WITH u, deputyFirm, instFirm
       MATCH (person:Person {id: $p + 'uni-person'})
       CREATE (person)-[:SECONDED_TO {fromYear: 2024, toYear: 2026}]->(deputyFirm)
       CREATE (instFirm)-[:COOPERATES_WITH]->(:ResearchInstitute {id: $p + 'uni-ri', name: 'RI', local: true,
         synthetic: true})`,
    );
    const data = await gql<{ chainsWithoutUniversityPartner: { id: string }[] }>(
      '{ chainsWithoutUniversityPartner(limit: 500) { id } }',
    );
    const found = data.chainsWithoutUniversityPartner.map((c) => c.id);
    expect(found).toEqual(expect.arrayContaining([id('uni-untargeted'), id('uni-institute'), id('uni-none')]));
    for (const has of ['uni-coop', 'uni-consortium', 'uni-deputy']) expect(found).not.toContain(id(has));
  });

  it('finds the segments of a chain in which no firm operates, or none of the region', async () => {
    const { city } = await regions('seg');
    await write(
      `MATCH (district:Region {id: $p + 'segdistrict'}), (elsewhere:Region {id: $p + 'segelsewhere'})
       CREATE (c:IndustryChain {id: $p + 'seg-chain', name: 'c', leading: false, verified: false, synthetic: true})
       CREATE (s0:ChainSegment {id: $p + 'seg-0', name: 's0', position: 'UPSTREAM', synthetic: true})-[:OF_CHAIN]->(c)
       CREATE (:ChainSegment {id: $p + 'seg-1', name: 's1', position: 'MIDSTREAM', synthetic: true})-[:OF_CHAIN]->(c)
       CREATE (s2:ChainSegment {id: $p + 'seg-2', name: 's2', position: 'DOWNSTREAM', synthetic: true})
         -[:OF_CHAIN]->(c)
       CREATE (:ChainSegment {id: $p + 'seg-3', name: 's3', position: 'SUPPORT', synthetic: true})-[:OF_CHAIN]->(c)
       CREATE (local:Enterprise {id: $p + 'seg-local', name: 'local', backbone: false, aboveScale: true,
         synthetic: true})-[:OPERATES_IN]->(s0)
       CREATE (local)-[:LOCATED_IN]->(district)
       CREATE (away:Enterprise {id: $p + 'seg-away', name: 'away', backbone: false, aboveScale: true,
         synthetic: true})-[:OPERATES_IN]->(s2)
       CREATE (away)-[:LOCATED_IN]->(elsewhere)`,
    );
    const query = `query ($chainId: ID, $regionCode: RegionCode, $limit: Int, $offset: Int) {
      chainSegmentsWithoutEnterprise(chainId: $chainId, regionCode: $regionCode, limit: $limit, offset: $offset) {
        id chains { id } } }`;
    const segments = async (vars: Record<string, unknown>): Promise<string[]> =>
      (
        await gql<{ chainSegmentsWithoutEnterprise: { id: string }[] }>(query, { chainId: id('seg-chain'), ...vars })
      ).chainSegmentsWithoutEnterprise.map((s) => s.id);
    expect(await segments({})).toEqual([id('seg-1'), id('seg-3')]);
    expect(await segments({ regionCode: city })).toEqual([id('seg-1'), id('seg-2'), id('seg-3')]);
    expect(await segments({ regionCode: city, limit: 1, offset: 1 })).toEqual([id('seg-2')]);
  });

  it('R6: coverage and the firms missing any of the four haves, with which ones, agree with the metric', async () => {
    const { city } = await regions('fh');
    await firms('fh', [
      { name: 'all-four', revenue: 90_000_000, inst: true },
      { name: 'hosts', revenue: 80_000_000 },
      { name: 'no-staff', revenue: 50_000_000, inst: true, staff: false },
      { name: 'nothing', revenue: 30_000_000, staff: false, spending: false, iur: false },
      { name: 'not-above-scale', revenue: 10_000_000, above: false },
      { name: 'other-year', revenue: 70_000_000, year: 2023 },
      { name: 'elsewhere', revenue: 60_000_000, region: 'elsewhere' },
    ]);
    await write(
      `MATCH (hosts:Enterprise {id: $p + 'fh-hosts'})
       CREATE (hosts)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'fh-p', name: 'p', kind: 'OTHER',
         level: 'MUNICIPAL', approvedYear: 2019, synthetic: true})`,
    );
    const coverage = await gql<{ fourHavesCoverage: Record<string, unknown> }>(
      `query ($r: RegionCode) { fourHavesCoverage(year: 2024, regionCode: $r) {
         year regionCode chainId covered total missing ratio } }`,
      { r: city },
    );
    expect(coverage.fourHavesCoverage).toEqual({
      year: 2024,
      regionCode: city,
      chainId: null,
      covered: 2,
      total: 4,
      missing: 2,
      ratio: 0.5,
    });
    expect(await metric('FOUR_HAVES_COVERAGE', { year: 2024, regionCode: city })).toEqual({
      value: 0.5,
      numerator: 2,
      denominator: 4,
    });
    const missing = await gql<{ enterprisesMissingFourHaves: { id: string; missingFourHaves: string[] }[] }>(
      `query ($r: RegionCode) { enterprisesMissingFourHaves(year: 2024, regionCode: $r) {
         id missingFourHaves(year: 2024) } }`,
      { r: city },
    );
    expect(missing.enterprisesMissingFourHaves).toEqual([
      { id: id('fh-no-staff'), missingFourHaves: ['RD_STAFF'] },
      { id: id('fh-nothing'), missingFourHaves: ['RD_INSTITUTION', 'RD_STAFF', 'RD_SPENDING', 'IUR_COOPERATION'] },
    ]);
    // Without a report of the year, every one of the four is missing.
    const noReport = await gql<{ enterprises: { missingFourHaves: string[] }[] }>(
      `query ($id: ID!) { enterprises(where: { id: { eq: $id } }) { missingFourHaves(year: 2024) } }`,
      { id: id('fh-other-year') },
    );
    expect(noReport.enterprises).toEqual([
      { missingFourHaves: ['RD_INSTITUTION', 'RD_STAFF', 'RD_SPENDING', 'IUR_COOPERATION'] },
    ]);
  });

  it('lists holdings of a qualification whose last valid year is the year, a future year included', async () => {
    const { city } = await regions('x');
    await firms('x', [
      { name: 'ends-2026', revenue: 1, latest: 300 },
      { name: 'ends-2026-small', revenue: 1, latest: 100 },
      { name: 'ends-2027', revenue: 1, latest: 200 },
      { name: 'sme-ends-2026', revenue: 1, latest: 400 },
    ]);
    await write(
      `MERGE (ht:Qualification {code: 'HIGH_TECH'}) ON CREATE SET ht.id = 'qual-HIGH_TECH', ht.name = '高新技术企业',
         ht.synthetic = false
       MERGE (sme:Qualification {code: 'TECH_SME'}) ON CREATE SET sme.id = 'qual-TECH_SME', sme.name = '科技型中小企业',
         sme.synthetic = false
       WITH ht, sme
       MATCH (a:Enterprise {id: $p + 'x-ends-2026'}), (b:Enterprise {id: $p + 'x-ends-2026-small'}),
             (c:Enterprise {id: $p + 'x-ends-2027'}), (d:Enterprise {id: $p + 'x-sme-ends-2026'})
       CREATE (a)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(ht)
       CREATE (b)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(ht)
       CREATE (c)-[:HOLDS {grantedYear: 2025, validUntilYear: 2027}]->(ht)
       CREATE (d)-[:HOLDS {grantedYear: 2026, validUntilYear: 2026}]->(sme)`,
    );
    const args = 'code:QualificationCode, year:Int!, regionCode:RegionCode, chainId:ID, limit:Int, offset:Int';
    expect(await ids('expiringQualifications', args, { year: 2026, regionCode: city })).toEqual([
      id('x-ends-2026'),
      id('x-ends-2026-small'),
    ]);
    expect(await ids('expiringQualifications', args, { code: 'TECH_SME', year: 2026, regionCode: city })).toEqual([
      id('x-sme-ends-2026'),
    ]);
  });

  it('defaults the review year to the latest AnnualReport year of the data', async () => {
    const { city } = await regions('dy');
    const latestYear = async (): Promise<number | null> => {
      const result = await runAutoCommit(app.driver, DATABASE, 'MATCH (r:AnnualReport) RETURN max(r.year) AS latest');
      const latest = result.records[0]?.get('latest') as unknown;
      return latest === null || latest === undefined ? null : Number(latest);
    };
    // The latest year is the whole database's, and another file may write a later report meanwhile: then the
    // arrangement is made again for the new latest year.
    for (let attempt = 0; ; attempt++) {
      const latest = Math.max((await latestYear()) ?? 2024, 2024);
      // Both firms are big enough for R3 and in no consortium; only the year of their report tells them apart.
      await firms('dy', [
        { name: `latest-${attempt}`, revenue: 2_000_000_000, year: latest },
        { name: `year-before-${attempt}`, revenue: 2_000_000_000, year: latest - 1 },
      ]);
      const byDefault = await ids('enterprisesWithoutConsortium', R_ARGS, { regionCode: city });
      const ofLatest = await ids('enterprisesWithoutConsortium', R_ARGS, { regionCode: city, year: latest });
      if ((await latestYear()) !== latest && attempt < 3) continue;
      expect(byDefault).toEqual([id(`dy-latest-${attempt}`)]);
      expect(byDefault).toEqual(ofLatest);
      break;
    }
  });

  describe('bad input is a BAD_USER_INPUT naming the argument, checked before anything runs', () => {
    let chainId: string;
    beforeAll(async () => {
      await regions('bad');
      await firms('bad', [{ name: 'firm', revenue: 5 }]);
      chainId = id('bad-chain');
      await write(
        `CREATE (:IndustryChain {id: $p + 'bad-chain', name: 'c', leading: false, verified: false, synthetic: true})`,
      );
    });

    it.each([
      ['enterprisesWithoutConsortium', { regionCode: UNKNOWN_REGION }, 'regionCode', /no region has the code/],
      ['enterprisesWithoutConsortium', { chainId: 'no-such-chain' }, 'chainId', /no industry chain has the id/],
      ['enterprisesWithoutConsortium', { year: 1951 }, 'year', /no annual report of 1951.*annual reports cover/],
      ['enterprisesWithoutConsortium', { year: 1800 }, 'year', /between 1949 and 2100/],
      ['enterprisesWithoutConsortium', { minRevenue: '-1' }, 'minRevenue', /0 or more yuan/],
      ['enterprisesWithoutConsortium', { limit: 501 }, 'limit', /between 1 and 500/],
      ['enterprisesWithoutConsortium', { limit: 0 }, 'limit', /must be at least 1/],
      ['enterprisesWithoutConsortium', { offset: -1 }, 'offset', /0 or more/],
    ])('%s with %j: %s', async (field, vars, argument, message) => {
      const errors = await gqlErrors(enterpriseGap(field, R_ARGS), vars);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, field });
      expect(errors[0]?.message).toMatch(new RegExp(`^${argument}: `));
      expect(errors[0]?.message).toMatch(message);
    });

    it.each([
      ['enterprisesWithoutRdInstitution(year: 1951) { id }', 'year'],
      ['enterprisesWithoutLandmarkAchievement(withinYears: 0) { id }', 'withinYears'],
      ['enterprisesNotTechLeader(minRevenue: "-10000000000") { id }', 'minRevenue'],
      [`backboneEnterprisesWithoutPlatform(regionCode: "${UNKNOWN_REGION}") { id }`, 'regionCode'],
      ['backboneEnterprisesWithoutPlatform(limit: 1000) { id }', 'limit'],
      ['chainsWithoutLabPartner(limit: 501) { id }', 'limit'],
      ['chainsWithoutUniversityPartner(offset: -5) { id }', 'offset'],
      ['chainSegmentsWithoutEnterprise(chainId: "no-such-chain") { id }', 'chainId'],
      ['fourHavesCoverage(year: 1951) { ratio }', 'year'],
      [`fourHavesCoverage(year: 2024, regionCode: "${UNKNOWN_REGION}") { ratio }`, 'regionCode'],
      ['enterprisesMissingFourHaves(year: 1951) { id }', 'year'],
      ['expiringQualifications(year: 2026, chainId: "no-such-chain") { id }', 'chainId'],
      ['expiringQualifications(year: 2026, limit: -1) { id }', 'limit'],
    ])('{ %s } names %s', async (selection, argument) => {
      const errors = await gqlErrors(`{ ${selection} }`);
      expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    });

    it('checks fields reached through fragments, and accepts what is valid', async () => {
      const errors = await gqlErrors(
        `query ($limit: Int!) { ...gaps }
         fragment gaps on Query { ... on Query { enterprisesWithoutConsortium(limit: $limit) { id } } }`,
        { limit: 600 },
      );
      expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit', value: 600 });
      // A future year is fine for expiring qualifications (no report is needed), and existing filters pass.
      await gql(`query ($chainId: ID) { expiringQualifications(year: 2030, chainId: $chainId) { id } }`, { chainId });
      await gql(`{ enterprisesWithoutConsortium(limit: 500, offset: 0, minRevenue: 0) { id } }`);
    });
  });
});
