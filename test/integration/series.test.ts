import type { MetricValue } from '../../src/resolvers';
import { aggregatesReadyNow } from '../support/aggregates';
import { as, createTestApp, type TestApp } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

/**
 * metricSeries, metricBreakdown and chainCountyMatrix on a graph of our own, in a city of our own (so other tests'
 * enterprises never enter a scope), every answer known by construction and equal to `metric` called per year and
 * per scope, read from the maintained counters (rebuilt and ready) like the API serves them. Two chains X and Y (one
 * segment each), a city with counties A, B and C, and firms (county, chain, reports):
 *   a1 (A, X): 2022 and 2024 above scale with all four haves      → four-haves complete both years
 *   a2 (A, X): 2024 above scale, no R&D staff                        → missing in 2024
 *   a3 (A, Y): 2024 not above scale                                  → outside the four-haves population
 *   b1 (B, X): 2024 above scale, none of the four                    → missing in 2024
 * So INDUSTRIAL_ENTERPRISES: A 3, B 1, C 0; X 3, Y 1 in the city; FOUR_HAVES_COVERAGE in A: 2022 1/1, 2023 0/0,
 * 2024 1/2; in the city 2024 1/3. Targets: FOUR_HAVES ≥ 0.8 for A in 2024 (not met: 0.5) and ≥ 0.9 for A in 2022
 * (met: 1), one for B in 2024 that A's series must not show.
 */
describe('series, breakdowns and the chain × county matrix', () => {
  let app: TestApp;
  const code = { city: '', A: '', B: '', C: '' };
  let X: string;
  let Y: string;

  beforeAll(async () => {
    app = await createTestApp(undefined, { responseCacheMb: 0 });
    for (const key of Object.keys(code) as (keyof typeof code)[]) code[key] = nextRegionCode();
    X = `${app.prefix}chainX`;
    Y = `${app.prefix}chainY`;
    await aggregatesReadyNow(app.driver);
    await app.write(
      `CREATE (city:Region {id: $p + 'city', code: $city, name: '序列市（示例）', level: 'CITY', synthetic: true})
       FOREACH (c IN [['A', $A], ['B', $B], ['C', $C]] |
         CREATE (:Region {id: $p + 'r' + c[0], code: c[1], name: c[0] + '县（示例）', level: 'COUNTY', synthetic: true})
                -[:PART_OF]->(city))
       FOREACH (c IN ['X', 'Y'] |
         CREATE (:ChainSegment {id: $p + 'seg' + c, name: c + '环节（示例）', position: 'MIDSTREAM', synthetic: true})
                -[:OF_CHAIN]->(:IndustryChain {id: $p + 'chain' + c, name: c + '链（示例）', leading: false, synthetic: true}))
       WITH city
       UNWIND [
         ['a1', 'A', 'X', [[2022, true, true, true], [2024, true, true, true]]],
         ['a2', 'A', 'X', [[2024, true, true, false]]],
         ['a3', 'A', 'Y', [[2024, false, true, true]]],
         ['b1', 'B', 'X', [[2024, true, false, false]]]
       ] AS firm
       MATCH (r:Region {id: $p + 'r' + firm[1]}), (seg:ChainSegment {id: $p + 'seg' + firm[2]})
       CREATE (e:Enterprise {id: $p + firm[0], name: firm[0] + '（示例）', aboveScale: true, backbone: false,
                             synthetic: true})-[:LOCATED_IN]->(r)
       CREATE (e)-[:OPERATES_IN]->(seg)
       WITH e, firm
       UNWIND firm[3] AS report
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + firm[0] + '-' + report[0], year: report[0],
         aboveScale: report[1], hasRdInstitution: report[2], hasRdSpending: report[2], hasIurCooperation: report[2],
         hasRdStaff: report[3], synthetic: true})`,
      code,
    );
    await app.write(
      `MATCH (a:Region {code: $A}), (b:Region {code: $B})
       CREATE (:Target {id: $p + 't24', metric: 'FOUR_HAVES_COVERAGE', year: 2024, value: 0.8, comparison: 'AT_LEAST',
               synthetic: true})-[:FOR_REGION]->(a)
       CREATE (:Target {id: $p + 't22', metric: 'FOUR_HAVES_COVERAGE', year: 2022, value: 0.9, comparison: 'AT_LEAST',
               synthetic: true})-[:FOR_REGION]->(a)
       CREATE (:Target {id: $p + 'tb', metric: 'FOUR_HAVES_COVERAGE', year: 2024, value: 0.5, comparison: 'AT_LEAST',
               synthetic: true})-[:FOR_REGION]->(b)`,
      code,
    );
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  type Errors = readonly { message: string; extensions?: Record<string, unknown> }[];
  async function gql<T>(query: string, variables: Record<string, unknown> = {}, principal = as('p', 'planner')) {
    // The counters must be ready to be read: another file's large write may have left them stale for a moment.
    await aggregatesReadyNow(app.driver);
    const { data, errors } = await app.execute<T>(query, variables, principal);
    expect(errors).toBeUndefined();
    return data as T;
  }
  async function errorsOf(query: string, variables: Record<string, unknown>): Promise<Errors> {
    const { data, errors } = await app.execute(query, variables, as('p', 'planner'));
    expect(data ?? null).toBeNull();
    return errors ?? [];
  }

  const FIELDS = 'name year value amount newInYear unit numerator denominator regionCode chainId suppressed';
  async function metric(name: string, year: number, regionCode: string | null, chainId: string | null) {
    const data = await gql<{ metric: MetricValue }>(
      `query ($name: MetricName!, $year: Int!, $r: RegionCode, $c: ID) {
         metric(name: $name, year: $year, regionCode: $r, chainId: $c) { ${FIELDS} } }`,
      { name, year, r: regionCode, c: chainId },
    );
    return data.metric;
  }

  it('a series is metric year by year, with the targets of exactly its scope', async () => {
    const data = await gql<{
      metricSeries: {
        unit: string;
        from: number;
        to: number;
        points: MetricValue[];
        targets: { targetId: string; year: number; value: number; comparison: string; met: boolean | null }[];
      };
    }>(
      `query ($r: RegionCode) { metricSeries(name: FOUR_HAVES_COVERAGE, from: 2022, to: 2024, regionCode: $r) {
         unit from to points { ${FIELDS} } targets { targetId year value comparison met } } }`,
      { r: code.A },
    );
    const series = data.metricSeries;
    expect(series.unit).toBe('ratio');
    expect(series.points.map((p) => [p.year, p.numerator, p.denominator, p.value])).toEqual([
      [2022, 1, 1, 1],
      [2023, 0, 0, 0],
      [2024, 1, 2, 0.5],
    ]);
    for (const point of series.points)
      expect(point).toEqual(await metric('FOUR_HAVES_COVERAGE', point.year, code.A, null));
    expect(series.targets).toEqual([
      { targetId: `${app.prefix}t22`, year: 2022, value: 0.9, comparison: 'AT_LEAST', met: true },
      { targetId: `${app.prefix}t24`, year: 2024, value: 0.8, comparison: 'AT_LEAST', met: false },
    ]);
  });

  it('a breakdown by county is metric per county (C has none), and its total is the city', async () => {
    const query = `query ($name: MetricName!, $r: RegionCode, $c: ID) {
      metricBreakdown(name: $name, year: 2024, by: COUNTY, regionCode: $r, chainId: $c) {
        by unit total { ${FIELDS} } rows { code name level clusterId metric { ${FIELDS} } } } }`;
    type Breakdown = {
      metricBreakdown: {
        total: MetricValue;
        rows: { code: string; name: string; level: string; clusterId: string | null; metric: MetricValue }[];
      };
    };
    const counts = (await gql<Breakdown>(query, { name: 'INDUSTRIAL_ENTERPRISES', r: code.city })).metricBreakdown;
    expect(counts.rows.map((r) => [r.code, r.name, r.level, r.metric.value])).toEqual([
      [code.A, 'A县（示例）', 'COUNTY', 3],
      [code.B, 'B县（示例）', 'COUNTY', 1],
      [code.C, 'C县（示例）', 'COUNTY', 0],
    ]);
    expect(counts.total.value).toBe(4);
    const coverage = (await gql<Breakdown>(query, { name: 'FOUR_HAVES_COVERAGE', r: code.city, c: X })).metricBreakdown;
    expect(coverage.rows.map((r) => [r.metric.numerator, r.metric.denominator])).toEqual([
      [1, 2],
      [0, 1],
      [0, 0],
    ]);
    expect([coverage.total.numerator, coverage.total.denominator]).toEqual([1, 3]);
    for (const row of [...counts.rows, ...coverage.rows]) {
      const m = row.metric;
      expect(m).toEqual(await metric(m.name, 2024, row.code, m.chainId));
    }
    expect(coverage.total).toEqual(await metric('FOUR_HAVES_COVERAGE', 2024, code.city, X));
  });

  it('a breakdown by chain lists every chain by id, each equal to metric for that chain', async () => {
    const data = await gql<{
      metricBreakdown: { total: MetricValue; rows: { code: string; name: string; metric: MetricValue }[] };
    }>(
      `query ($r: RegionCode) { metricBreakdown(name: INDUSTRIAL_ENTERPRISES, year: 2024, by: CHAIN, regionCode: $r) {
         total { value } rows { code name metric { ${FIELDS} } } } }`,
      { r: code.city },
    );
    const { rows, total } = data.metricBreakdown;
    const ids = rows.map((r) => r.code);
    expect(ids).toEqual([...ids].sort());
    const ours = rows.filter((r) => r.code === X || r.code === Y);
    expect(ours.map((r) => [r.code, r.name, r.metric.value])).toEqual([
      [X, 'X链（示例）', 3],
      [Y, 'Y链（示例）', 1],
    ]);
    // Nobody else's firm is in our city: every other chain is 0 here.
    expect(rows.filter((r) => r.code !== X && r.code !== Y).every((r) => r.metric.value === 0)).toBe(true);
    expect(total.value).toBe(4);
    for (const row of ours)
      expect(row.metric).toEqual(await metric('INDUSTRIAL_ENTERPRISES', 2024, code.city, row.code));
  });

  it('the matrix gives each chain × county its firms and its four-haves gap, as metric counts them', async () => {
    const data = await gql<{
      chainCountyMatrix: {
        chains: { id: string }[];
        counties: { code: string; name: string; level: string }[];
        cells: {
          chainId: string;
          regionCode: string;
          enterprises: number;
          gaps: { metric: string; missing: number | null; of: number | null }[];
        }[];
      };
    }>(
      `query ($r: RegionCode) { chainCountyMatrix(year: 2024, regionCode: $r) {
         chains { id } counties { code name level } cells { chainId regionCode enterprises gaps { metric missing of } } } }`,
      { r: code.city },
    );
    const matrix = data.chainCountyMatrix;
    expect(matrix.counties.map((c) => c.code)).toEqual([code.A, code.B, code.C]);
    expect(matrix.cells).toHaveLength(matrix.chains.length * 3);
    // Chain by chain, county by county.
    expect(matrix.cells.map((c) => `${c.chainId}|${c.regionCode}`)).toEqual(
      matrix.chains.flatMap((chain) => matrix.counties.map((county) => `${chain.id}|${county.code}`)),
    );
    const cell = (chain: string, county: string) =>
      matrix.cells.find((c) => c.chainId === chain && c.regionCode === county);
    const fourHaves = (chain: string, county: string) =>
      cell(chain, county)?.gaps.find((g) => g.metric === 'FOUR_HAVES_COVERAGE');
    expect(
      [X, Y].flatMap((chain) => [code.A, code.B, code.C].map((county) => cell(chain, county)?.enterprises)),
    ).toEqual([2, 1, 0, 1, 0, 0]);
    expect(fourHaves(X, code.A)).toEqual({ metric: 'FOUR_HAVES_COVERAGE', missing: 1, of: 2 });
    expect(fourHaves(X, code.B)).toEqual({ metric: 'FOUR_HAVES_COVERAGE', missing: 1, of: 1 });
    expect(fourHaves(Y, code.A)).toEqual({ metric: 'FOUR_HAVES_COVERAGE', missing: 0, of: 0 });
    for (const c of matrix.cells.filter((c) => c.chainId === X || c.chainId === Y)) {
      expect(c.enterprises).toBe((await metric('INDUSTRIAL_ENTERPRISES', 2024, c.regionCode, c.chainId)).value);
      for (const gap of c.gaps) {
        const m = await metric(gap.metric, 2024, c.regionCode, c.chainId);
        expect([gap.missing, gap.of]).toEqual([(m.denominator ?? NaN) - (m.numerator ?? NaN), m.denominator]);
      }
    }
  });

  it('refuses what it cannot answer, naming the argument', async () => {
    const series = `query ($from: Int, $to: Int, $r: RegionCode) {
      metricSeries(name: TECH_DEPUTIES, from: $from, to: $to, regionCode: $r) { from } }`;
    const [afterTo] = await errorsOf(series, { from: 2024, to: 2022 });
    expect(afterTo?.message).toBe('from: must not be after to (2022); got 2024');
    const [tooLong] = await errorsOf(series, { from: 1990, to: 2024 });
    expect(tooLong?.message).toBe('from: a series spans at most 30 years; got 1990 to 2024 (35 years)');
    const [tooEarly] = await errorsOf(series, { from: 1800 });
    expect(tooEarly?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    const nowhere = nextRegionCode();
    const [unknownRegion] = await errorsOf(series, { r: nowhere });
    expect(unknownRegion?.message).toBe(`regionCode: no region has the code "${nowhere}"`);
    const breakdown = `query ($by: BreakdownDimension!, $r: RegionCode, $c: ID) {
      metricBreakdown(name: TECH_DEPUTIES, year: 2024, by: $by, regionCode: $r, chainId: $c) { unit } }`;
    const [chainTwice] = await errorsOf(breakdown, { by: 'CHAIN', c: X });
    expect(chainTwice?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'chainId' });
    const [noParts] = await errorsOf(breakdown, { by: 'COUNTY', r: code.C });
    expect(noParts?.message).toBe(
      `regionCode: no region is PART_OF ${code.C}: break down by county within a city (or omit regionCode)`,
    );
  });
});
