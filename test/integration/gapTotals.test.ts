import neo4j from 'neo4j-driver';
import { catchUpOrRebuild } from '../../src/aggregates';
import { aggregatesMode } from '../../src/aggregates/rebuild';
import { loadCypher, readTx } from '../../src/db';
import { totalFieldOf, totalStatement } from '../../src/graphql/gapTotals';
import { as, createTestApp, createTestRegions, DATABASE, type TestApp } from '../support/testApp';
import { nextRegionCode, UNUSED_REGION_CODE } from '../support/regionCodes';

type Errors = readonly { message: string; extensions?: Record<string, unknown> }[];

/** The GraphQL type of each argument a gap list may take (a required `year` is written `Int!` by the field). */
const TYPES: Record<string, string> = {
  minRevenue: 'BigInt',
  year: 'Int',
  withinYears: 'Int',
  regionCode: 'RegionCode',
  chainId: 'ID',
  leadingChainsOnly: 'Boolean',
  code: 'QualificationCode',
};
const YEAR_REQUIRED = new Set(['enterprisesMissingFourHaves', 'expiringQualifications']);

/** `(…declarations)` and `(…arguments)` of a field given `vars`, plus `extra` declarations and arguments. */
function signature(field: string, vars: Record<string, unknown>, extra: string[] = []) {
  const names = Object.keys(vars);
  const type = (n: string) => (n === 'year' && YEAR_REQUIRED.has(field) ? 'Int!' : TYPES[n]);
  const declared = [...names.map((n) => `$${n}: ${type(n)}`), ...extra.map((e) => `$${e}: Int!`)];
  const passed = [...names, ...extra].map((n) => `${n}: $${n}`);
  const list = (items: string[]) => (items.length > 0 ? `(${items.join(', ')})` : '');
  return { declared: list(declared), passed: list(passed) };
}

/**
 * The totals of the gap lists (src/graphql/gapTotals.ts) against a real Neo4j: each total is the number of rows
 * read by paging through its list, for the filters each list takes, served from the maintained aggregates and live
 * alike; a viewer is refused a total as a list, and a bad argument is the same BAD_USER_INPUT. The graph is this
 * file's own (a city, a district, a chain); the lists of every chain are the database's, so they are compared while
 * nothing else changes them (read again until two totals around the paging agree).
 */
describe('gap list totals on a real Neo4j', () => {
  let app: TestApp;
  let codes: { city: string; district: string; elsewhere: string };
  let chainId: string;
  const id = (key: string) => `${app.prefix}${key}`;

  /** Brings the aggregates back to ready (a catch-up or rebuild), or waits for another file's rebuild. */
  async function waitReady(): Promise<void> {
    for (let i = 0; i < 120; i++) {
      if ((await catchUpOrRebuild(app.driver, DATABASE)).ready) return;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    throw new Error('the maintained aggregates never became ready');
  }

  beforeAll(async () => {
    app = await createTestApp();
    codes = await createTestRegions(app, 'tot', nextRegionCode);
    chainId = id('tot-chain');
    // Firms of the district (f5 elsewhere), with a report of 2024 (f6 of 2023): revenue in yuan and the four flags.
    const firms = [
      { name: 'f1', revenue: 20_000_000_000, backbone: true, segment: 's1' },
      { name: 'f2', revenue: 2_000_000_000, inst: true, segment: 's1' },
      { name: 'f3', revenue: 600_000_000, iur: false },
      { name: 'f4', revenue: 200_000_000, staff: false, segment: 's2' },
      { name: 'f5', revenue: 150_000_000, region: 'elsewhere' },
      { name: 'f6', revenue: 120_000_000, year: 2023 },
      { name: 'f7', revenue: 300_000_000, backbone: true },
      { name: 'f8', revenue: 50_000_000, backbone: true, segment: 's2', spending: false },
    ];
    await app.write(
      `MATCH (district:Region {id: $p + 'totdistrict'}), (elsewhere:Region {id: $p + 'totelsewhere'})
       CREATE (chain:IndustryChain {id: $p + 'tot-chain', name: '合计链（示例）', leading: true, verified: false,
         synthetic: true})
       FOREACH (s IN ['s1', 's2', 's3'] |
         CREATE (:ChainSegment {id: $p + 'tot-' + s, name: s, position: 'UPSTREAM', synthetic: true})-[:OF_CHAIN]->(chain))
       WITH district, elsewhere
       UNWIND $firms AS row
       WITH row, CASE row.region WHEN 'elsewhere' THEN elsewhere ELSE district END AS region
       CREATE (e:Enterprise {id: $p + 'tot-' + row.name, name: row.name, backbone: coalesce(row.backbone, false),
         aboveScale: true, revenue: row.revenue, synthetic: true})-[:LOCATED_IN]->(region)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'tot-' + row.name + '-r', year: coalesce(row.year, 2024),
         revenue: row.revenue, aboveScale: true, hasRdInstitution: coalesce(row.inst, false),
         hasRdStaff: coalesce(row.staff, true), hasRdSpending: coalesce(row.spending, true),
         hasIurCooperation: coalesce(row.iur, true), synthetic: true})
       WITH e, row
       OPTIONAL MATCH (segment:ChainSegment {id: $p + 'tot-' + row.segment})
       FOREACH (s IN CASE WHEN segment IS NULL THEN [] ELSE [segment] END | CREATE (e)-[:OPERATES_IN]->(s))`,
      { firms },
    );
    await app.write(
      `MERGE (ht:Qualification {code: 'HIGH_TECH'}) ON CREATE SET ht.id = 'qual-HIGH_TECH', ht.name = '高新技术企业',
         ht.synthetic = false
       MERGE (sme:Qualification {code: 'TECH_SME'}) ON CREATE SET sme.id = 'qual-TECH_SME', sme.name = '科技型中小企业',
         sme.synthetic = false
       WITH ht, sme
       MATCH (chain:IndustryChain {id: $p + 'tot-chain'}), (f1:Enterprise {id: $p + 'tot-f1'}),
         (f2:Enterprise {id: $p + 'tot-f2'}), (f3:Enterprise {id: $p + 'tot-f3'}), (f4:Enterprise {id: $p + 'tot-f4'}),
         (f7:Enterprise {id: $p + 'tot-f7'})
       CREATE (f7)-[:LEADS_CHAIN {sinceYear: 2020}]->(chain)
       CREATE (f7)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'tot-p', name: 'p', kind: 'KEY_LABORATORY',
         level: 'MUNICIPAL', approvedYear: 2020, synthetic: true})
       CREATE (f2)-[:LEADS]->(:Consortium {id: $p + 'tot-k', name: 'k', level: 'PROVINCIAL', synthetic: true})
       CREATE (f2)-[:ACHIEVED]->(:Achievement {id: $p + 'tot-a', title: 'a', kind: 'PATENT', year: 2023,
         landmark: true, synthetic: true})
       FOREACH (e IN [f1, f2, f3] | CREATE (e)-[:HOLDS {grantedYear: 2023, validUntilYear: 2026}]->(ht))
       CREATE (f4)-[:HOLDS {grantedYear: 2024, validUntilYear: 2026}]->(sme)`,
    );
    await waitReady();
  }, 180_000);
  afterAll(async () => {
    await app.close();
  });

  async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await app.execute<T>(query, variables);
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error('no data');
    return result.data;
  }

  async function total(field: string, vars: Record<string, unknown>): Promise<number> {
    const { declared, passed } = signature(field, vars);
    return (await gql<{ total: number }>(`query ${declared} { total: ${totalFieldOf(field)}${passed} }`, vars)).total;
  }

  /** Every row id of a list, read a page of `limit` at a time until a page is shorter. */
  async function paged(field: string, vars: Record<string, unknown>, limit: number): Promise<string[]> {
    const { declared, passed } = signature(field, vars, ['limit', 'offset']);
    const ids: string[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await gql<{ rows: { id: string }[] }>(`query ${declared} { rows: ${field}${passed} { id } }`, {
        ...vars,
        limit,
        offset,
      });
      ids.push(...page.rows.map((r) => r.id));
      if (page.rows.length < limit) return ids;
    }
  }

  /** The total and the paged rows, read again while the total changes around the paging (another file's writes). */
  async function compare(field: string, vars: Record<string, unknown>, limit: number) {
    for (let attempt = 0; ; attempt++) {
      const before = await total(field, vars);
      const rows = await paged(field, vars, limit);
      const after = await total(field, vars);
      if (before === after || attempt === 4) return { total: after, rows };
    }
  }

  const R = (vars: Record<string, unknown>) => ({ year: 2024, ...vars });

  it('equals the rows read by paging through the list, for each list and the filters it takes', async () => {
    const { city, district, elsewhere } = codes;
    // Each case with the rows expected by construction (null: a list of the whole database, not known here).
    const cases: [string, Record<string, unknown>, string[] | null][] = [
      ['enterprisesWithoutRdInstitution', R({ regionCode: city }), ['f1', 'f3', 'f4']],
      ['enterprisesWithoutRdInstitution', R({ regionCode: district }), ['f1', 'f3', 'f4']],
      ['enterprisesWithoutRdInstitution', R({ chainId }), ['f1', 'f4']],
      ['enterprisesWithoutRdInstitution', { year: 2023, regionCode: city }, ['f6']],
      ['enterprisesWithoutRdInstitution', R({ regionCode: elsewhere }), ['f5']],
      ['enterprisesWithoutRdInstitution', R({ regionCode: city, minRevenue: '250000000' }), ['f1', 'f3']],
      ['enterprisesWithoutLandmarkAchievement', R({ regionCode: city }), ['f1', 'f3']],
      [
        'enterprisesWithoutLandmarkAchievement',
        R({ chainId, withinYears: 1, minRevenue: '0' }),
        ['f1', 'f2', 'f7', 'f4', 'f8'],
      ],
      ['enterprisesWithoutConsortium', R({ regionCode: city }), ['f1']],
      ['enterprisesWithoutConsortium', R({ chainId, minRevenue: '100000000' }), ['f1', 'f7', 'f4']],
      ['enterprisesNotTechLeader', R({ regionCode: city }), ['f1']],
      ['enterprisesNotTechLeader', R({ regionCode: city, minRevenue: '100000000' }), ['f1', 'f2', 'f3', 'f7', 'f4']],
      ['backboneEnterprisesWithoutPlatform', { regionCode: city }, ['f1', 'f8']],
      ['backboneEnterprisesWithoutPlatform', { regionCode: city, year: 2019 }, ['f1', 'f7', 'f8']],
      ['backboneEnterprisesWithoutPlatform', { chainId, leadingChainsOnly: false }, ['f1', 'f8']],
      ['enterprisesMissingFourHaves', R({ regionCode: city }), ['f1', 'f3', 'f4', 'f8']],
      ['enterprisesMissingFourHaves', R({ chainId }), ['f1', 'f4', 'f8']],
      ['expiringQualifications', { year: 2026, regionCode: city }, ['f1', 'f2', 'f3']],
      ['expiringQualifications', { code: 'TECH_SME', year: 2026, regionCode: city }, ['f4']],
      ['expiringQualifications', { year: 2027, regionCode: city }, []],
      ['chainSegmentsWithoutEnterprise', { chainId }, ['s3']],
      ['chainSegmentsWithoutEnterprise', { chainId, regionCode: elsewhere }, ['s1', 's2', 's3']],
      ['chainSegmentsWithoutEnterprise', {}, null],
      ['chainsWithoutLabPartner', {}, null],
      ['chainsWithoutUniversityPartner', {}, null],
    ];
    for (const [field, vars, expected] of cases) {
      const { total: n, rows } = await compare(field, vars, expected === null ? 25 : 2);
      const ours = expected?.map((key) => id(`tot-${key}`));
      expect({ field, vars, total: n, rows: ours === undefined ? rows.length : rows }).toEqual({
        field,
        vars,
        total: rows.length,
        rows: ours ?? rows.length,
      });
    }
  });

  it('counts the very statement of the list: from the maintained entries and live, the same rows', async () => {
    const READY = "EXISTS { (:AggregateState {id: 'aggregates', mode: 'ready'}) }";
    const int = (n: number) => neo4j.int(n);
    const scope = { regionCode: null, chainId: null };
    const revenue = (min: number) => ({ ...scope, minRevenue: int(min), year: int(2024) });
    const cases: [string, Record<string, unknown>][] = [
      ['enterprisesWithoutRdInstitution', { ...revenue(100_000_000), regionCode: codes.city }],
      ['enterprisesWithoutRdInstitution', { ...revenue(100_000_000), chainId }],
      [
        'enterprisesWithoutLandmarkAchievement',
        { ...revenue(500_000_000), regionCode: codes.city, withinYears: int(3) },
      ],
      ['enterprisesWithoutConsortium', { ...revenue(1_000_000_000), regionCode: codes.district }],
      ['enterprisesNotTechLeader', { ...revenue(10_000_000_000), regionCode: codes.city }],
      ['enterprisesMissingFourHaves', { ...scope, year: int(2024), regionCode: codes.city }],
      ['chainSegmentsWithoutEnterprise', { ...scope, chainId }],
      ['backboneEnterprisesWithoutPlatform', { ...scope, regionCode: codes.city, year: null, leadingChainsOnly: true }],
      ['expiringQualifications', { ...scope, code: 'HIGH_TECH', year: int(2026), regionCode: codes.city }],
    ];
    for (const [field, params] of cases) {
      const list = loadCypher('gaps', `${field}.cypher`);
      const counted = totalStatement(field, list);
      for (let attempt = 0; ; attempt++) {
        // The aggregates are the database's: another file may mark them stale meanwhile; then they are made ready again.
        if ((await aggregatesMode(app.driver, DATABASE)) !== 'ready') await waitReady();
        const counts = await readTx(app.driver, { database: DATABASE }, async (tx) => {
          const rows = async (text: string) =>
            (await tx.run(text, { ...params, limit: int(100_000), offset: int(0) })).records.length;
          const totalOf = async (text: string) => Number((await tx.run(text, params)).records[0]?.get('total'));
          return {
            ready: (await tx.run(`RETURN ${READY} AS ready`)).records[0]?.get('ready') as boolean,
            served: await totalOf(counted),
            live: await totalOf(counted.replaceAll(READY, 'false')),
            listServed: await rows(list),
            listLive: await rows(list.replaceAll(READY, 'false')),
          };
        });
        if (!counts.ready && attempt < 3) continue;
        expect({ field, ...counts }).toEqual({
          field,
          ready: true,
          served: counts.listLive,
          live: counts.listLive,
          listServed: counts.listLive,
          listLive: counts.listLive,
        });
        expect([field, counts.listLive > 0]).toEqual([field, true]);
        break;
      }
    }
  });

  it('refuses a viewer a total as it refuses the list', async () => {
    const viewer = as('viewer', 'viewer');
    for (const [field, args] of [
      ['enterprisesWithoutConsortium', ''],
      ['enterprisesMissingFourHaves', '(year: 2024)'],
      ['expiringQualifications', '(year: 2026)'],
      ['chainsWithoutLabPartner', ''],
    ] as const) {
      const totalField = totalFieldOf(field);
      const answer = await app.execute(`{ ${totalField}${args} }`, {}, viewer);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        needs: 'planner',
        refused: [{ what: totalField, needs: 'planner' }],
      });
      const list = await app.execute(`{ ${field}${args} { id } }`, {}, viewer);
      expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', needs: 'planner' });
    }
  });

  it.each([
    ['enterprisesWithoutConsortium', '(year: 1951)', 'year', /no annual report of 1951/],
    ['enterprisesWithoutConsortium', '(year: 1800)', 'year', /between 1949 and 2100/],
    [
      'enterprisesWithoutRdInstitution',
      `(regionCode: "${UNUSED_REGION_CODE}")`,
      'regionCode',
      /no region has the code/,
    ],
    ['enterprisesNotTechLeader', '(minRevenue: "-1")', 'minRevenue', /0 or more yuan/],
    ['enterprisesWithoutLandmarkAchievement', '(withinYears: 0)', 'withinYears', /between 1 and 100/],
    ['enterprisesMissingFourHaves', '(year: 1951)', 'year', /no annual report of 1951/],
    ['chainSegmentsWithoutEnterprise', '(chainId: "no-such-chain")', 'chainId', /no industry chain has the id/],
    ['expiringQualifications', `(year: 2026, regionCode: "${UNUSED_REGION_CODE}")`, 'regionCode', /no region/],
  ])('answers %s%s with the BAD_USER_INPUT of the list, naming %s', async (field, args, argument, message) => {
    const errorsOf = async (query: string): Promise<Errors> => {
      const result = await app.execute(query);
      expect(result.data ?? null).toBeNull();
      return result.errors ?? [];
    };
    const forTotal = await errorsOf(`{ ${totalFieldOf(field)}${args} }`);
    const forList = await errorsOf(`{ ${field}${args} { id } }`);
    expect(forTotal).toHaveLength(1);
    expect(forTotal[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, field: totalFieldOf(field) });
    expect(forTotal[0]?.message).toMatch(message);
    // The same message but the field it names.
    expect(forTotal[0]?.message.replace(totalFieldOf(field), field)).toBe(forList[0]?.message);
  });
});
