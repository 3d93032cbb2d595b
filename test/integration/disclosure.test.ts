import { as, createTestApp, type TestApp } from '../support/testApp';
import { aggregatesReadyNow } from '../support/aggregates';
import { nextRegionCode } from '../support/regionCodes';

const BIG = 20_000_000_000; // 200亿: above R4's 100亿
const SMALL = 50_000_000; // 0.5亿

/**
 * Small-cell protection of R1–R4 (src/queries/disclosure.ts) on a graph of our own, every query scoped to our own
 * chain so that other tests' enterprises never enter a cell. A city with four counties; R4 (revenue ≥ 100亿, public
 * attribute TECH_LEADER), each firm one of four kinds — leader & big (LB), leader & small (LS), not leader & big (NB),
 * not leader & small (NS):
 *   A: 1 LB (the review's example: a county whose one TECH_LEADER firm makes R4 = 1 / 1)
 *   B: 3 of each kind (12 firms)   D: 4 of each (16)   E: 5 of each (20)
 * With k = 3, A fails the rule (its leader group has nobody below the threshold). City − D − E − B would give A back,
 * so the smallest other county, B, is suppressed too: city − D − E = A + B = 4 / 7, which passes the rule and is not
 * A's 1 / 1. City: 13 leaders big of 25 big. With k = 4, B (3 of each) fails too, and A + B (4 LB, 3 LS) still does,
 * so D is added: only E and the city are shown.
 */
describe('small cells of R1–R4 below the planner role', () => {
  let app: TestApp;
  let strict: TestApp;
  const code = { city: '', A: '', B: '', D: '', E: '' };
  let chainId: string;
  const viewer = as('v', 'viewer');
  const planner = as('p', 'planner');

  beforeAll(async () => {
    app = await createTestApp();
    strict = await createTestApp(undefined, { disclosureMinCell: 4 });
    for (const key of Object.keys(code) as (keyof typeof code)[]) code[key] = nextRegionCode();
    chainId = `${app.prefix}chain`;
    await app.write(
      `CREATE (chain:IndustryChain {id: $p + 'chain', name: '测试链（示例）', leading: false, synthetic: true})
       CREATE (seg:ChainSegment {id: $p + 'seg', name: '测试环节（示例）', position: 'MIDSTREAM', synthetic: true})-[:OF_CHAIN]->(chain)
       CREATE (city:Region {id: $p + 'city', code: $city, name: '测试市（示例）', level: 'CITY', synthetic: true})
       MERGE (q:Qualification {code: 'TECH_LEADER'})
         ON CREATE SET q.id = 'qual-TECH_LEADER', q.name = '科技领军企业', q.synthetic = false
       WITH chain, seg, city, q
       UNWIND [['A', $A, [[1, 0, 0, 0]]], ['B', $B, [[3, 3, 3, 3]]], ['D', $D, [[4, 4, 4, 4]]], ['E', $E, [[5, 5, 5, 5]]]]
         AS county
       CREATE (r:Region {id: $p + 'r' + county[0], code: county[1], name: county[0] + '县（示例）', level: 'COUNTY', synthetic: true})-[:PART_OF]->(city)
       WITH seg, q, r, county, county[2][0] AS kinds
       UNWIND range(0, 3) AS kind
       UNWIND range(1, kinds[kind]) AS i
       CREATE (e:Enterprise {id: $p + county[0] + kind + '-' + i, name: county[0] + kind + '-' + i + '（示例）',
                             aboveScale: true, backbone: false, synthetic: true})
       CREATE (e)-[:LOCATED_IN]->(r)
       CREATE (e)-[:OPERATES_IN]->(seg)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + county[0] + kind + '-' + i + '-2024', year: 2024,
               revenue: CASE WHEN kind IN [0, 2] THEN $big ELSE $small END, synthetic: true})
       FOREACH (_ IN CASE WHEN kind IN [0, 1] THEN [1] ELSE [] END |
         CREATE (e)-[:HOLDS {grantedYear: 2023, validUntilYear: 2025}]->(q))`,
      { ...code, big: BIG, small: SMALL },
    );
    await app.write(
      `MATCH (chain:IndustryChain {id: $p + 'chain'}), (a:Region {code: $A}), (d:Region {code: $D})
       CREATE (ta:Target {id: $p + 'ta', metric: 'R4_COMPLIANCE', year: 2024, value: 1.0, comparison: 'AT_LEAST', synthetic: true})
       CREATE (ta)-[:FOR_REGION]->(a), (ta)-[:FOR_CHAIN]->(chain)
       CREATE (td:Target {id: $p + 'td', metric: 'R4_COMPLIANCE', year: 2024, value: 0.4, comparison: 'AT_LEAST', synthetic: true})
       CREATE (td)-[:FOR_REGION]->(d), (td)-[:FOR_CHAIN]->(chain)`,
      code,
    );
  }, 120_000);
  afterAll(async () => {
    await strict?.close();
    await app?.close();
  });

  const R4 = `query ($region: RegionCode, $chain: ID) {
    metric(name: R4_COMPLIANCE, year: 2024, regionCode: $region, chainId: $chain) {
      value numerator denominator suppressed
    }
  }`;
  type Cell = { value: number | null; numerator: number | null; denominator: number | null; suppressed: string | null };
  const cell = async (region: string | null, principal = viewer, on = app): Promise<Cell> => {
    const { data, errors } = await on.execute(R4, { region, chain: chainId }, principal);
    expect(errors).toBeUndefined();
    return (data as unknown as { metric: Cell }).metric;
  };
  const shown = (numerator: number, denominator: number): Cell => ({
    value: numerator / denominator,
    numerator,
    denominator,
    suppressed: null,
  });
  const withheld: Cell = { value: null, numerator: null, denominator: null, suppressed: 'SMALL_CELL' };

  it("withholds a county's R4 cell that would band its one TECH_LEADER firm from a viewer, not from a planner", async () => {
    expect(await cell(code.A, viewer)).toEqual(withheld);
    expect(await cell(code.A, planner)).toEqual(shown(1, 1));
  });

  it('suppresses a second county so that the city minus the shown counties does not give the first back', async () => {
    const seen = {
      city: await cell(code.city),
      all: await cell(null),
      A: await cell(code.A),
      B: await cell(code.B),
      D: await cell(code.D),
      E: await cell(code.E),
    };
    expect(seen).toEqual({
      city: shown(13, 25),
      all: shown(13, 25),
      A: withheld,
      B: withheld,
      D: shown(4, 8),
      E: shown(5, 10),
    });
    // The differencing attempt: the city minus every county a viewer sees.
    const rest = {
      numerator: (seen.city.numerator ?? 0) - (seen.D.numerator ?? 0) - (seen.E.numerator ?? 0),
      denominator: (seen.city.denominator ?? 0) - (seen.D.denominator ?? 0) - (seen.E.denominator ?? 0),
    };
    const truth = { A: await cell(code.A, planner), B: await cell(code.B, planner) };
    expect(rest).not.toEqual({ numerator: truth.A.numerator, denominator: truth.A.denominator });
    // It is A and B together (1 + 3 leaders of 1 + 6 big firms), a group the rule allows.
    expect(rest).toEqual({ numerator: 4, denominator: 7 });
    expect(truth.B).toEqual(shown(3, 6));
  });

  it('reads the least cell from DISCLOSURE_MIN_CELL', async () => {
    const at4 = await Promise.all(
      [code.city, code.A, code.B, code.D, code.E].map((region) => cell(region, viewer, strict)),
    );
    expect(at4).toEqual([shown(13, 25), withheld, withheld, withheld, shown(5, 10)]);
  });

  it("withholds the target review's actual, gap and met for a suppressed cell, and counts it", async () => {
    const REVIEW = `query ($region: RegionCode, $chain: ID) {
      targetReview(year: 2024, regionCode: $region, chainId: $chain) {
        met notMet unavailable suppressed allMet
        targets { metric actual gap met status suppressed previousActual change previousSuppressed }
      }
    }`;
    const review = async (region: string, principal: ReturnType<typeof as>) => {
      const { data, errors } = await app.execute(REVIEW, { region, chain: chainId }, principal);
      expect(errors).toBeUndefined();
      return (data as unknown as { targetReview: Record<string, unknown> }).targetReview;
    };
    // 2023 has no report in this chain: its cells are empty, shown, and R4's value is 0 there.
    expect(await review(code.A, viewer)).toEqual({
      met: 0,
      notMet: 0,
      unavailable: 0,
      suppressed: 1,
      allMet: false,
      targets: [
        {
          metric: 'R4_COMPLIANCE',
          actual: null,
          gap: null,
          met: null,
          status: 'SUPPRESSED',
          suppressed: 'SMALL_CELL',
          previousActual: 0,
          change: null,
          previousSuppressed: null,
        },
      ],
    });
    expect(await review(code.A, planner)).toMatchObject({
      met: 1,
      suppressed: 0,
      allMet: true,
      targets: [{ actual: 1, gap: 0, met: true, status: 'MET', suppressed: null, previousActual: 0, change: 1 }],
    });
    // D is shown to a viewer: 4 of its 8 big firms lead, 0.5 ≥ 0.4.
    expect(await review(code.D, viewer)).toMatchObject({
      met: 1,
      suppressed: 0,
      targets: [{ actual: 0.5, met: true, status: 'MET', suppressed: null }],
    });
  });

  it('leaves metrics that derive from no confidential value alone', async () => {
    const { data } = await app.execute(
      `query ($region: RegionCode, $chain: ID) {
        metric(name: INDUSTRIAL_ENTERPRISES, year: 2024, regionCode: $region, chainId: $chain) { value suppressed }
      }`,
      { region: code.A, chain: chainId },
      viewer,
    );
    expect(data).toEqual({ metric: { value: 1, suppressed: null } });
  });

  it('withholds the same cells in a series, a breakdown and the chain × county matrix as metric does', async () => {
    const BREAKDOWN = `query ($region: RegionCode, $chain: ID) {
      metricBreakdown(name: R4_COMPLIANCE, year: 2024, by: COUNTY, regionCode: $region, chainId: $chain) {
        total { value numerator denominator suppressed } rows { code metric { value numerator denominator suppressed } }
      }
    }`;
    const breakdown = async (principal: ReturnType<typeof as>) => {
      const { data, errors } = await app.execute(BREAKDOWN, { region: code.city, chain: chainId }, principal);
      expect(errors).toBeUndefined();
      const b = (data as unknown as { metricBreakdown: { total: Cell; rows: { code: string; metric: Cell }[] } })
        .metricBreakdown;
      return { total: b.total, ...Object.fromEntries(b.rows.map((r) => [r.code, r.metric])) } as Record<string, Cell>;
    };
    const counties = [code.A, code.B, code.D, code.E];
    const metricOf = async (principal: ReturnType<typeof as>) => ({
      total: await cell(code.city, principal),
      ...Object.fromEntries(await Promise.all(counties.map(async (c) => [c, await cell(c, principal)] as const))),
    });
    expect(await breakdown(viewer)).toEqual(await metricOf(viewer));
    expect(await breakdown(planner)).toEqual(await metricOf(planner));
    expect((await breakdown(viewer))[code.A]).toEqual(withheld);

    const SERIES = `query ($region: RegionCode, $chain: ID) {
      metricSeries(name: R4_COMPLIANCE, from: 2024, to: 2024, regionCode: $region, chainId: $chain) {
        points { value numerator denominator suppressed } targets { value met }
      }
    }`;
    const series = async (region: string, principal: ReturnType<typeof as>) => {
      const { data, errors } = await app.execute(SERIES, { region, chain: chainId }, principal);
      expect(errors).toBeUndefined();
      return (
        data as unknown as { metricSeries: { points: Cell[]; targets: { value: number; met: boolean | null }[] } }
      ).metricSeries;
    };
    expect(await series(code.A, viewer)).toEqual({ points: [withheld], targets: [{ value: 1, met: null }] });
    expect(await series(code.A, planner)).toEqual({ points: [shown(1, 1)], targets: [{ value: 1, met: true }] });
    expect(await series(code.D, viewer)).toEqual({ points: [shown(4, 8)], targets: [{ value: 0.4, met: true }] });

    // The matrix reads the maintained counters only: bring them to ready first.
    await aggregatesReadyNow(app.driver);
    const MATRIX = `query ($region: RegionCode) {
      chainCountyMatrix(year: 2024, regionCode: $region) { cells { chainId regionCode gaps { metric missing of suppressed } } }
    }`;
    const r4Gaps = async (principal: ReturnType<typeof as>) => {
      const { data, errors } = await app.execute(MATRIX, { region: code.city }, principal);
      expect(errors).toBeUndefined();
      const cells = (
        data as unknown as {
          chainCountyMatrix: {
            cells: { chainId: string; regionCode: string; gaps: { metric: string; missing: number | null }[] }[];
          };
        }
      ).chainCountyMatrix.cells.filter((c) => c.chainId === chainId);
      return Object.fromEntries(cells.map((c) => [c.regionCode, c.gaps.find((g) => g.metric === 'R4_COMPLIANCE')]));
    };
    const hidden = { metric: 'R4_COMPLIANCE', missing: null, of: null, suppressed: 'SMALL_CELL' };
    const gap = (missing: number, of: number) => ({ metric: 'R4_COMPLIANCE', missing, of, suppressed: null });
    expect(await r4Gaps(viewer)).toEqual({
      [code.A]: hidden,
      [code.B]: hidden,
      [code.D]: gap(4, 8),
      [code.E]: gap(5, 10),
    });
    expect(await r4Gaps(planner)).toEqual({
      [code.A]: gap(0, 1),
      [code.B]: gap(3, 6),
      [code.D]: gap(4, 8),
      [code.E]: gap(5, 10),
    });
  }, 300_000);
});
