import type { MetricValue } from '../../src/resolvers';
import { createTestApp, createTestRegions, type TestApp } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

const METRIC = `
  query ($name: MetricName!, $year: Int!, $regionCode: RegionCode, $chainId: ID) {
    metric(name: $name, year: $year, regionCode: $regionCode, chainId: $chainId) {
      name year value newInYear unit numerator denominator regionCode chainId
    }
  }`;

interface MetricVars {
  name: string;
  year: number;
  regionCode?: string;
  chainId?: string;
}

type GraphQLErrors = readonly { message: string; extensions?: Record<string, unknown> }[];

describe('Query.metric on a real Neo4j', () => {
  let app: TestApp;
  // The database is shared, so every expectation below is scoped to a region or chain created here.
  const newRegionCode = nextRegionCode;

  beforeAll(async () => {
    app = await createTestApp();
    // `metric` answers only for years the data covers (cypher/metrics/dataYears.cypher): a report of each year these
    // cases ask about makes the span known whatever else the shared database holds. Unscoped, it counts in no region.
    await app.write(
      `UNWIND [2023, 2024] AS year
       CREATE (:AnnualReport {id: $p + 'span-' + year, year: year, aboveScale: false, hasRdInstitution: false,
               hasRdStaff: false, hasRdSpending: false, hasIurCooperation: false, synthetic: true})`,
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const write = (cypher: string, params?: Record<string, unknown>): Promise<void> => app.write(cypher, params);

  const regions = (key: string) => createTestRegions(app, key, newRegionCode);

  async function metric(vars: MetricVars): Promise<MetricValue> {
    const result = await app.execute<{ metric: MetricValue }>(METRIC, { ...vars });
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error('no data');
    return result.data.metric;
  }

  async function metricErrors(vars: MetricVars): Promise<GraphQLErrors> {
    const result = await app.execute(METRIC, { ...vars });
    expect(result.data ?? null).toBeNull();
    return result.errors ?? [];
  }

  it('counts qualification holders in a region and its parts: held in the year, granted in it, expired left out', async () => {
    const { city, district } = await regions('q');
    await write(
      `MATCH (city:Region {id: $p + 'qcity'}), (district:Region {id: $p + 'qdistrict'}),
             (elsewhere:Region {id: $p + 'qelsewhere'})
       MERGE (ht:Qualification {code: 'HIGH_TECH'}) ON CREATE SET ht.id = 'qual-HIGH_TECH', ht.name = '高新技术企业',
         ht.synthetic = false
       MERGE (sme:Qualification {code: 'TECH_SME'}) ON CREATE SET sme.id = 'qual-TECH_SME', sme.name = '科技型中小企业',
         sme.synthetic = false
       CREATE (e1:Enterprise {id: $p + 'q1', name: 'e1', foundedOn: date('2024-03-01')})-[:LOCATED_IN]->(district)
       CREATE (e2:Enterprise {id: $p + 'q2', name: 'e2'})-[:LOCATED_IN]->(district)
       CREATE (e3:Enterprise {id: $p + 'q3', name: 'e3', foundedOn: date('2001-05-01')})-[:LOCATED_IN]->(district)
       CREATE (e4:Enterprise {id: $p + 'q4', name: 'e4'})-[:LOCATED_IN]->(city)
       CREATE (e5:Enterprise {id: $p + 'q5', name: 'expired'})-[:LOCATED_IN]->(district)
       CREATE (e6:Enterprise {id: $p + 'q6', name: 'elsewhere'})-[:LOCATED_IN]->(elsewhere)
       CREATE (e7:Enterprise {id: $p + 'q7', name: 'sme only', foundedOn: date('2024-12-31')})-[:LOCATED_IN]->(city)
       CREATE (e1)-[:HOLDS {grantedYear: 2022, validUntilYear: 2024}]->(ht)
       CREATE (e2)-[:HOLDS {grantedYear: 2022, validUntilYear: 2024}]->(ht)
       CREATE (e3)-[:HOLDS {grantedYear: 2022, validUntilYear: 2024}]->(ht)
       CREATE (e3)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(sme)
       CREATE (e4)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(ht)
       CREATE (e5)-[:HOLDS {grantedYear: 2020, validUntilYear: 2022}]->(ht)
       CREATE (e6)-[:HOLDS {grantedYear: 2022, validUntilYear: 2024}]->(ht)
       CREATE (e7)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(sme)`,
    );

    expect(await metric({ name: 'HIGH_TECH_ENTERPRISES', year: 2024, regionCode: city })).toEqual({
      name: 'HIGH_TECH_ENTERPRISES',
      year: 2024,
      value: 4,
      newInYear: 1,
      unit: 'enterprises',
      numerator: null,
      denominator: null,
      regionCode: city,
      chainId: null,
    });
    expect(await metric({ name: 'HIGH_TECH_ENTERPRISES', year: 2024, regionCode: district })).toMatchObject({
      value: 3,
      newInYear: 0,
    });
    expect(await metric({ name: 'HIGH_TECH_ENTERPRISES', year: 2021, regionCode: city })).toMatchObject({
      value: 1,
      newInYear: 0,
    });
    expect(await metric({ name: 'TECH_SMES', year: 2024, regionCode: city })).toMatchObject({ value: 2, newInYear: 2 });
    // Any qualification: e1–e4 and e7 (e3 once, though it holds two); new = e4 and e7, which held none in 2023.
    expect(await metric({ name: 'INNOVATIVE_ENTERPRISES', year: 2024, regionCode: city })).toMatchObject({
      value: 5,
      newInYear: 2,
      unit: 'enterprises',
    });
    // Every enterprise located in the city or its district, founded in 2024 or not (a missing foundedOn is fine).
    expect(await metric({ name: 'INDUSTRIAL_ENTERPRISES', year: 2024, regionCode: city })).toMatchObject({
      value: 6,
      newInYear: 2,
      unit: 'enterprises',
    });
  });

  it("scopes to a chain's enterprises: those operating in one of its segments or leading it, each once", async () => {
    const chainId = `${app.prefix}chain`;
    await write(
      `CREATE (chain:IndustryChain {id: $p + 'chain', name: '测试链（示例）', leading: false, verified: false})
       CREATE (other:IndustryChain {id: $p + 'otherchain', name: '别的链（示例）', leading: false, verified: false})
       CREATE (seg:ChainSegment {id: $p + 'seg', name: '上游', position: 'UPSTREAM'})-[:OF_CHAIN]->(chain)
       CREATE (otherSeg:ChainSegment {id: $p + 'otherseg', name: '上游', position: 'UPSTREAM'})-[:OF_CHAIN]->(other)
       MERGE (g:Qualification {code: 'GAZELLE'}) ON CREATE SET g.id = 'qual-GAZELLE', g.name = '瞪羚企业',
         g.synthetic = false
       CREATE (e1:Enterprise {id: $p + 'c1', name: 'operates'})-[:OPERATES_IN]->(seg)
       CREATE (e2:Enterprise {id: $p + 'c2', name: 'leads'})-[:LEADS_CHAIN {sinceYear: 2021}]->(chain)
       CREATE (e3:Enterprise {id: $p + 'c3', name: 'both'})-[:OPERATES_IN]->(seg)
       CREATE (e3)-[:LEADS_CHAIN]->(chain)
       CREATE (e4:Enterprise {id: $p + 'c4', name: 'other chain'})-[:OPERATES_IN]->(otherSeg)
       FOREACH (e IN [e1, e2, e3, e4] | CREATE (e)-[:HOLDS {grantedYear: 2023, validUntilYear: 2025}]->(g))
       CREATE (e2)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(g)
       CREATE (:Platform {id: $p + 'cp1', name: 'serves', kind: 'KEY_LABORATORY', level: 'MUNICIPAL',
               approvedYear: 2020})-[:SERVES]->(chain)
       CREATE (e2)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'cp2', name: 'hosted by the leader',
               kind: 'KEY_LABORATORY', level: 'MUNICIPAL', approvedYear: 2024})
       CREATE (e4)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'cp3', name: 'hosted off-chain',
               kind: 'KEY_LABORATORY', level: 'MUNICIPAL', approvedYear: 2020})
       CREATE (e1)-[:UNDERTAKES {role: 'LEAD'}]->(:Project {id: $p + 'cj1', name: 'by a chain firm', level: 'NATIONAL',
               year: 2024, status: 'FUNDED', funding: 1000})
       CREATE (e4)-[:UNDERTAKES {role: 'LEAD'}]->(:Project {id: $p + 'cj2', name: 'addresses', level: 'PROVINCIAL',
               year: 2024, status: 'APPROVED', funding: 20})-[:ADDRESSES]->(chain)
       CREATE (e4)-[:UNDERTAKES {role: 'LEAD'}]->(:Project {id: $p + 'cj3', name: 'off-chain', level: 'NATIONAL',
               year: 2024, status: 'FUNDED', funding: 300})`,
    );

    expect(await metric({ name: 'GAZELLE_ENTERPRISES', year: 2024, chainId })).toMatchObject({
      value: 3,
      newInYear: 1,
      chainId,
      regionCode: null,
    });
    expect(await metric({ name: 'INDUSTRIAL_ENTERPRISES', year: 2024, chainId })).toMatchObject({ value: 3 });
    expect(await metric({ name: 'MUNICIPAL_KEY_LABS', year: 2024, chainId })).toMatchObject({
      value: 2,
      newInYear: 1,
      unit: 'platforms',
    });
    expect(await metric({ name: 'NATIONAL_PROVINCIAL_PROJECT_FUNDING', year: 2024, chainId })).toMatchObject({
      value: 1020,
      unit: 'yuan',
    });
  });

  it('computes 四有 coverage over above-scale reports of the year, a hosted platform standing in for the flag', async () => {
    const { city } = await regions('f');
    await write(
      `MATCH (city:Region {id: $p + 'fcity'}), (district:Region {id: $p + 'fdistrict'}),
             (elsewhere:Region {id: $p + 'felsewhere'})
       UNWIND [
         {key: 'all four', region: district, year: 2024, above: true, inst: true, staff: true},
         {key: 'hosts a platform', region: city, year: 2024, above: true, inst: false, staff: true, platform: 2020},
         {key: 'no R&D staff', region: district, year: 2024, above: true, inst: true, staff: false},
         {key: 'not above scale', region: district, year: 2024, above: false, inst: true, staff: true},
         {key: 'platform approved later', region: city, year: 2024, above: true, inst: false, staff: true,
          platform: 2025},
         {key: 'report of another year', region: city, year: 2023, above: true, inst: true, staff: true},
         {key: 'elsewhere', region: elsewhere, year: 2024, above: true, inst: true, staff: true}
       ] AS row
       WITH row, row.region AS region
       CREATE (e:Enterprise {id: $p + 'f-' + row.key, name: row.key})-[:LOCATED_IN]->(region)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'f-report-' + row.key, year: row.year,
         aboveScale: row.above, hasRdInstitution: row.inst, hasRdStaff: row.staff, hasRdSpending: true,
         hasIurCooperation: true})
       FOREACH (approved IN CASE WHEN row.platform IS NULL THEN [] ELSE [row.platform] END |
         CREATE (e)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'f-platform-' + row.key, name: row.key,
           kind: 'OTHER', level: 'MUNICIPAL', approvedYear: approved}))`,
    );

    expect(await metric({ name: 'FOUR_HAVES_COVERAGE', year: 2024, regionCode: city })).toEqual({
      name: 'FOUR_HAVES_COVERAGE',
      year: 2024,
      value: 0.5,
      newInYear: null,
      unit: 'ratio',
      numerator: 2,
      denominator: 4,
      regionCode: city,
      chainId: null,
    });
    expect(await metric({ name: 'FOUR_HAVES_COVERAGE', year: 2022, regionCode: city })).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 0,
    });
  });

  it('counts platforms of a kind and level approved by the year and hosted in the region, merged ones left out', async () => {
    const { city } = await regions('p');
    await write(
      `MATCH (city:Region {id: $p + 'pcity'}), (district:Region {id: $p + 'pdistrict'}),
             (elsewhere:Region {id: $p + 'pelsewhere'})
       CREATE (firm:Enterprise {id: $p + 'p-firm', name: 'firm'})-[:LOCATED_IN]->(district)
       CREATE (uni:University {id: $p + 'p-uni', name: 'uni'})-[:LOCATED_IN]->(city)
       CREATE (inst:ResearchInstitute {id: $p + 'p-inst', name: 'inst'})-[:LOCATED_IN]->(district)
       CREATE (away:Enterprise {id: $p + 'p-away', name: 'away'})-[:LOCATED_IN]->(elsewhere)
       WITH *
       UNWIND [
         {key: 'kept', host: firm, kind: 'ENGINEERING_RESEARCH_CENTER', level: 'PROVINCIAL', year: 2020},
         {key: 'new', host: uni, kind: 'ENGINEERING_RESEARCH_CENTER', level: 'PROVINCIAL', year: 2024},
         {key: 'next year', host: firm, kind: 'ENGINEERING_RESEARCH_CENTER', level: 'PROVINCIAL', year: 2025},
         {key: 'merged', host: inst, kind: 'ENGINEERING_RESEARCH_CENTER', level: 'PROVINCIAL', year: 2019},
         {key: 'away', host: away, kind: 'ENGINEERING_RESEARCH_CENTER', level: 'PROVINCIAL', year: 2020},
         {key: 'municipal', host: firm, kind: 'ENGINEERING_RESEARCH_CENTER', level: 'MUNICIPAL', year: 2021},
         {key: 'key lab', host: inst, kind: 'KEY_LABORATORY', level: 'MUNICIPAL', year: 2024},
         {key: 'incubator', host: uni, kind: 'INCUBATOR', level: 'PROVINCIAL', year: 2022}
       ] AS row
       WITH row, row.host AS host
       CREATE (host)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'p-' + row.key, name: row.key,
         kind: row.kind, level: row.level, approvedYear: row.year})
       WITH DISTINCT 1 AS done
       MATCH (merged:Platform {id: $p + 'p-merged'}), (kept:Platform {id: $p + 'p-kept'})
       CREATE (merged)-[:MERGED_INTO]->(kept)`,
    );

    expect(await metric({ name: 'PROVINCIAL_ENGINEERING_CENTERS', year: 2024, regionCode: city })).toMatchObject({
      value: 2,
      newInYear: 1,
      unit: 'platforms',
    });
    const expected = {
      MUNICIPAL_ENGINEERING_CENTERS: { value: 1, newInYear: 0 },
      MUNICIPAL_KEY_LABS: { value: 1, newInYear: 1 },
      PROVINCIAL_INCUBATORS: { value: 1, newInYear: 0 },
    };
    for (const [name, numbers] of Object.entries(expected)) {
      expect(await metric({ name, year: 2024, regionCode: city })).toMatchObject(numbers);
    }
  });

  it('counts S&T deputies seconded in the year to firms of the region, each person once', async () => {
    const { city } = await regions('d');
    await write(
      `MATCH (city:Region {id: $p + 'dcity'}), (district:Region {id: $p + 'ddistrict'}),
             (elsewhere:Region {id: $p + 'delsewhere'})
       CREATE (a:Enterprise {id: $p + 'd-a', name: 'a'})-[:LOCATED_IN]->(district)
       CREATE (b:Enterprise {id: $p + 'd-b', name: 'b'})-[:LOCATED_IN]->(city)
       CREATE (away:Enterprise {id: $p + 'd-away', name: 'away'})-[:LOCATED_IN]->(elsewhere)
       CREATE (:Person {id: $p + 'd-1', name: 'since 2023'})-[:SECONDED_TO {fromYear: 2023, toYear: 2025}]->(a)
       CREATE (:Person {id: $p + 'd-2', name: 'new'})-[:SECONDED_TO {fromYear: 2024, toYear: 2024}]->(b)
       CREATE (:Person {id: $p + 'd-3', name: 'ended'})-[:SECONDED_TO {fromYear: 2020, toYear: 2022}]->(a)
       CREATE (twice:Person {id: $p + 'd-4', name: 'two firms'})-[:SECONDED_TO {fromYear: 2022, toYear: 2026}]->(a)
       CREATE (twice)-[:SECONDED_TO {fromYear: 2022, toYear: 2026}]->(b)
       CREATE (:Person {id: $p + 'd-5', name: 'away'})-[:SECONDED_TO {fromYear: 2024, toYear: 2026}]->(away)`,
    );

    expect(await metric({ name: 'TECH_DEPUTIES', year: 2024, regionCode: city })).toMatchObject({
      value: 3,
      newInYear: 1,
      unit: 'people',
    });
  });

  it('counts and sums national and provincial projects of the year, and collected R&D activities', async () => {
    const { city } = await regions('j');
    await write(
      `MATCH (city:Region {id: $p + 'jcity'}), (district:Region {id: $p + 'jdistrict'}),
             (elsewhere:Region {id: $p + 'jelsewhere'})
       CREATE (firm:Enterprise {id: $p + 'j-firm', name: 'firm'})-[:LOCATED_IN]->(district)
       CREATE (uni:University {id: $p + 'j-uni', name: 'uni'})-[:LOCATED_IN]->(city)
       CREATE (away:Enterprise {id: $p + 'j-away', name: 'away'})-[:LOCATED_IN]->(elsewhere)
       WITH *
       UNWIND [
         {key: 'national', by: [firm], level: 'NATIONAL', status: 'APPROVED', year: 2024, funding: 3000000000},
         {key: 'provincial', by: [uni, firm], level: 'PROVINCIAL', status: 'FUNDED', year: 2024, funding: 1500001},
         {key: 'done', by: [uni], level: 'NATIONAL', status: 'COMPLETED', year: 2024},
         {key: 'municipal', by: [firm], level: 'MUNICIPAL', status: 'APPROVED', year: 2024, funding: 70},
         {key: 'collected', by: [firm], level: 'NATIONAL', status: 'COLLECTED', year: 2024, funding: 900},
         {key: 'last year', by: [uni], level: 'PROVINCIAL', status: 'COMPLETED', year: 2023, funding: 800},
         {key: 'away', by: [away], level: 'NATIONAL', status: 'APPROVED', year: 2024, funding: 600},
         {key: 'collected twice', by: [firm, uni], level: 'MUNICIPAL', status: 'COLLECTED', year: 2024}
       ] AS row
       CREATE (project:Project {id: $p + 'j-' + row.key, name: row.key, level: row.level, status: row.status,
         year: row.year, funding: row.funding})
       FOREACH (org IN row.by | CREATE (org)-[:UNDERTAKES {role: 'LEAD'}]->(project))`,
    );

    expect(await metric({ name: 'NATIONAL_PROVINCIAL_PROJECTS', year: 2024, regionCode: city })).toMatchObject({
      value: 3,
      newInYear: 3,
      unit: 'projects',
    });
    // Above 2^31, summed as a Neo4j integer; a project without funding adds nothing.
    expect(await metric({ name: 'NATIONAL_PROVINCIAL_PROJECT_FUNDING', year: 2024, regionCode: city })).toMatchObject({
      value: 3_001_500_001,
      newInYear: 3_001_500_001,
      unit: 'yuan',
    });
    expect(await metric({ name: 'RD_ACTIVITIES_COLLECTED', year: 2024, regionCode: city })).toMatchObject({
      value: 2,
      newInYear: 2,
      unit: 'projects',
    });
  });

  it('rejects a region code no region has with BAD_USER_INPUT naming regionCode, rather than answering 0', async () => {
    const unknown = newRegionCode();
    const errors = await metricErrors({ name: 'HIGH_TECH_ENTERPRISES', year: 2024, regionCode: unknown });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.message).toContain('regionCode');
    expect(errors[0]?.message).toContain(unknown);
  });

  it('rejects a chain id no chain has with BAD_USER_INPUT naming chainId', async () => {
    const errors = await metricErrors({ name: 'TECH_DEPUTIES', year: 2024, chainId: `${app.prefix}no-such-chain` });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.message).toContain('chainId');
  });

  it('rejects year 1800 with BAD_USER_INPUT naming year, before querying', async () => {
    const errors = await metricErrors({ name: 'INDUSTRIAL_ENTERPRISES', year: 1800 });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.message).toMatch(/^year: .*1949.*2100/);
  });

  it('computes the compliance ratios as ratios, 0 over an empty scope (gaps.test.ts checks each rule)', async () => {
    const { city } = await regions('r');
    for (const name of ['R1_COMPLIANCE', 'R2_COMPLIANCE', 'R3_COMPLIANCE', 'R4_COMPLIANCE', 'R5_COMPLIANCE']) {
      expect(await metric({ name, year: 2024, regionCode: city })).toMatchObject({
        name,
        value: 0,
        newInYear: null,
        unit: 'ratio',
        numerator: 0,
        denominator: 0,
      });
    }
  });

  it('refuses a year the data does not cover, naming the years it does', async () => {
    const result = await app.execute(METRIC, { name: 'HIGH_TECH_ENTERPRISES', year: 2099 });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'year', value: 2099 } });
    expect(result.errors?.[0]?.message).toMatch(/^year: no data for 2099: the data covers \d{4} to \d{4}$/);
  });

  it('answers without filters over the whole graph, with the filters echoed as null', async () => {
    // Approval years no other test uses (1949, 1950), so the whole-graph count is known: 2 approved by 1950 (one of
    // them in 1950), a third merged into one of them (left out), a municipal one (another level).
    await app.write(
      `CREATE (a:Platform {id: $p + 'inc-a', name: '孵化器甲（示例）', kind: 'INCUBATOR', level: 'PROVINCIAL', approvedYear: 1949, synthetic: true})
       CREATE (:Platform {id: $p + 'inc-b', name: '孵化器乙（示例）', kind: 'INCUBATOR', level: 'PROVINCIAL', approvedYear: 1950, synthetic: true})
       CREATE (:Platform {id: $p + 'inc-c', name: '孵化器丙（示例）', kind: 'INCUBATOR', level: 'PROVINCIAL', approvedYear: 1950, synthetic: true})-[:MERGED_INTO]->(a)
       CREATE (:Platform {id: $p + 'inc-d', name: '孵化器丁（示例）', kind: 'INCUBATOR', level: 'MUNICIPAL', approvedYear: 1950, synthetic: true})`,
    );
    const value = await metric({ name: 'PROVINCIAL_INCUBATORS', year: 1950 });
    expect(value).toMatchObject({
      name: 'PROVINCIAL_INCUBATORS',
      regionCode: null,
      chainId: null,
      unit: 'platforms',
      value: 2,
      newInYear: 1,
    });
  });
});
