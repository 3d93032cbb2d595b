import { int as neo4jInt } from 'neo4j-driver';
import { loadSeed } from '../../seed/loadSeed';
import { chainId, GAPS, segmentId } from '../../seed/reference/industry';
import { namedEnterprises } from '../../seed/reference/organisations';
import { aggregatesMode, maintainedMetric, rebuildAggregates } from '../../src/aggregates';
import { readTx, runAutoCommit } from '../../src/db';
import { validateCreditCode } from '../../src/domain';
import { loadCypher } from '../../src/db/loadCypher';
import JSZip from 'jszip';
import { mintToken } from '../../src/auth';
import { collectReport } from '../../src/report';
import { chartOptions, formatStatus, formatValue } from '../../src/report/render';
import { type SeededNeo4j, startSeededNeo4j } from '../support/seededNeo4j';
import { as, createTestApp, type TestApp, tokenAuth } from '../support/testApp';

/**
 * The scale-1 demo city must reproduce every figure F1–F21 of shared/reference/letter-figures.md, read back through
 * the GraphQL API. It gets its own Neo4j: the figures count the whole database.
 */
const AUTH = tokenAuth('a-seed-report-http-test-secret-32-bytes');

describe('demo seed at scale 1', () => {
  let seeded: SeededNeo4j | undefined;
  let app: TestApp;

  beforeAll(async () => {
    seeded = await startSeededNeo4j('seed');
    app = await createTestApp(seeded.info, { auth: AUTH });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await seeded?.stop();
  }, 120_000);

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await app.execute<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  async function metric(name: string, year: number): Promise<{ value: number; newInYear: number | null }> {
    const data = await gql<{ metric: { value: number; newInYear: number | null } }>(
      'query ($name: MetricName!, $year: Int!) { metric(name: $name, year: $year) { value newInYear } }',
      { name, year },
    );
    return data.metric;
  }

  async function count(query: string): Promise<number> {
    const data = await gql<Record<string, { aggregate: { count: { nodes: number } } }>>(query);
    const first = Object.values(data)[0];
    return first?.aggregate.count.nodes ?? NaN;
  }

  /** The letter's figures that are metrics: figure, metric, year, value, new in the year (when the letter says). */
  const FIGURES: [string, string, number, number, number | undefined][] = [
    ['F1 industrial enterprises', 'INDUSTRIAL_ENTERPRISES', 2024, 11_000, undefined],
    ['F2 provincial innovation leaders', 'INNOVATION_LEADER_ENTERPRISES', 2024, 8, 6],
    ['F3 high-tech enterprises', 'HIGH_TECH_ENTERPRISES', 2024, 443, 75],
    ['F4 tech-based SMEs', 'TECH_SMES', 2024, 692, 692],
    ['F5 innovative enterprises (distinct)', 'INNOVATIVE_ENTERPRISES', 2024, 825, undefined],
    ['F7 provincial engineering research centres', 'PROVINCIAL_ENGINEERING_CENTERS', 2024, 141, 10],
    ['F8 municipal engineering research centres', 'MUNICIPAL_ENGINEERING_CENTERS', 2024, 520, 55],
    ['F9 municipal key laboratories', 'MUNICIPAL_KEY_LABS', 2024, 105, 10],
    ['F10 provincial incubators', 'PROVINCIAL_INCUBATORS', 2024, 16, 3],
    ['F12 major R&D activities collected', 'RD_ACTIVITIES_COLLECTED', 2024, 139, undefined],
    ['F13 national + provincial projects approved', 'NATIONAL_PROVINCIAL_PROJECTS', 2024, 53, undefined],
    ['F13 their funding', 'NATIONAL_PROVINCIAL_PROJECT_FUNDING', 2024, 81_040_000, undefined],
    ['F15 S&T deputy general managers', 'TECH_DEPUTIES', 2024, 35, 35],
    ['F16 new gazelle enterprises of 2023', 'GAZELLE_ENTERPRISES', 2023, 8, 8],
  ];

  it.each(FIGURES)('%s: metric %s(%i) = %d', async (_figure, name, year, value, newInYear) => {
    const m = await metric(name, year);
    if (name === 'GAZELLE_ENTERPRISES') expect(m.newInYear).toBe(newInYear);
    else {
      expect(m.value).toBe(value);
      if (newInYear !== undefined) expect(m.newInYear).toBe(newInYear);
    }
  });

  it('the unscoped INDUSTRIAL_ENTERPRISES statement (count store and founding-date index) equals the scoped one', async () => {
    const scoped = loadCypher('metrics', 'industrialEnterprises.cypher');
    const unscoped = loadCypher('metrics', 'industrialEnterprisesAll.cypher');
    for (const year of [2015, 2020, 2023, 2024, 2025]) {
      const params = { year: neo4jInt(year), regionCode: null, chainId: null };
      const [a, b] = await Promise.all(
        [scoped, unscoped].map(async (cypher) => {
          const { records } = await runAutoCommit(app.driver, 'neo4j', cypher, params);
          return records[0]?.toObject();
        }),
      );
      expect(b).toEqual(a);
      expect(Number(a?.value)).toBeGreaterThan(0); // every enterprise: not a comparison of two empty counts
    }
    // Founding years are spread over the years, so some year has firms founded in it (the check is not 0 = 0).
    expect((await metric('INDUSTRIAL_ENTERPRISES', 2024)).newInYear).toBeGreaterThan(0);
  });

  it('F6: four-haves coverage of above-scale enterprises in 2024 is above 80%', async () => {
    const m = await metric('FOUR_HAVES_COVERAGE', 2024);
    expect(m.value).toBeGreaterThan(0.8);
    expect(m.value).toBeLessThan(1);
  });

  it('F11: twelve platforms merged into Yaoshan Laboratory', async () => {
    const data = await gql<{ platforms: { name: string; mergedPlatformsConnection: { totalCount: number } }[] }>(
      '{ platforms(where: { name: { eq: "尧山实验室" } }) { name mergedPlatformsConnection { totalCount } } }',
    );
    expect(data.platforms).toEqual([{ name: '尧山实验室', mergedPlatformsConnection: { totalCount: 12 } }]);
  });

  async function fundedBy(fundName: string): Promise<{ projects: number; awarded: number; disbursed: number }> {
    const data = await gql<{
      funds: { projectsConnection: { edges: { properties: { awarded: string; disbursed: string } }[] } }[];
    }>(
      'query ($name: String!) { funds(where: { name: { eq: $name } }) { projectsConnection(first: 1000) { edges { properties { awarded disbursed } } } } }',
      { name: fundName },
    );
    expect(data.funds).toHaveLength(1);
    const edges = data.funds[0]?.projectsConnection.edges ?? [];
    return {
      projects: edges.length,
      awarded: edges.reduce((s, e) => s + Number(e.properties.awarded), 0),
      disbursed: edges.reduce((s, e) => s + Number(e.properties.disbursed), 0),
    };
  }

  it('F14: the joint fund first batch supports 37 activities with 7700余万', async () => {
    const f = await fundedBy('河南省产业研发联合基金（首批）');
    expect(f.projects).toBe(37);
    expect(f.awarded).toBeGreaterThanOrEqual(77_000_000);
    expect(f.awarded).toBeLessThan(78_000_000);
  });

  it('F18 and F19: the 2025 municipal fund of 2000万; 8 projects of 1060万 with 848万 paid first', async () => {
    const data = await gql<{ funds: { budget: string }[] }>(
      '{ funds(where: { name: { eq: "2025年度平顶山市科技研发联合基金" } }) { budget } }',
    );
    expect(data.funds).toEqual([{ budget: '20000000' }]);
    expect(await fundedBy('尼龙化工及金属新材料领域项目资金（2025）')).toEqual({
      projects: 8,
      awarded: 10_600_000,
      disbursed: 8_480_000,
    });
  });

  it('F16: 14 platforms rewarded, 10 provincial S&T progress awards and 39 contest winners of 2023', async () => {
    expect(
      await count(
        '{ platformsConnection(where: { policiesReceived: { some: { id: { eq: "policy-rewards" } } } }) { aggregate { count { nodes } } } }',
      ),
    ).toBe(14);
    expect(
      await count(
        '{ achievementsConnection(where: { kind: { eq: AWARD }, year: { eq: 2023 } }) { aggregate { count { nodes } } } }',
      ),
    ).toBe(10);
    const winners = await gql<{ contests: { competitorsConnection: { totalCount: number } }[] }>(
      '{ contests(where: { year: { eq: 2023 } }) { competitorsConnection(where: { edge: { award: { eq: "优胜奖" } } }) { totalCount } } }',
    );
    expect(winners.contests).toEqual([{ competitorsConnection: { totalCount: 39 } }]);
  });

  it('F17: rewards of 990.7万 and vouchers of 400万 paid in 2024 to more than 110 units', async () => {
    const data = await gql<{
      policies: { id: string; recipientsConnection: { edges: { properties: { amount: string; kind: string } }[] } }[];
    }>(
      '{ policies(where: { id: { in: ["policy-rewards", "policy-no-application-1"] } }) { id recipientsConnection(first: 1000) { edges { properties { amount kind year } } } } }',
    );
    const sum = (kind: string): number =>
      data.policies
        .flatMap((p) => p.recipientsConnection.edges)
        .filter((e) => e.properties.kind === kind)
        .reduce((s, e) => s + Number(e.properties.amount), 0);
    expect(sum('REWARD')).toBe(9_907_000);
    expect(sum('VOUCHER')).toBe(4_000_000);
    // Each recipient holds one edge per policy, and the generator gives vouchers only to firms not rewarded.
    const units = data.policies.reduce((s, p) => s + p.recipientsConnection.edges.length, 0);
    expect(units).toBeGreaterThan(110);
    expect(units).toBeLessThan(120);
  });

  it('F20: 8 firms in the provincial final, all 8 in the national semi-final, 1 national award', async () => {
    const data = await gql<{
      contests: { level: string; all: { totalCount: number }; awarded: { totalCount: number } }[];
    }>(
      `{ contests(where: { year: { eq: 2024 } }, sort: [{ level: ASC }]) {
          level
          all: competitorsConnection { totalCount }
          awarded: competitorsConnection(where: { edge: { award: { eq: "成长组优秀奖" } } }) { totalCount }
        } }`,
    );
    expect(data.contests).toEqual([
      { level: 'NATIONAL', all: { totalCount: 8 }, awarded: { totalCount: 1 } },
      { level: 'PROVINCIAL', all: { totalCount: 8 }, awarded: { totalCount: 0 } },
    ]);
  });

  it('F21: one no-application policy and eight direct-fast policies', async () => {
    expect(
      await count('{ policiesConnection(where: { mode: { eq: NO_APPLICATION } }) { aggregate { count { nodes } } } }'),
    ).toBe(1);
    expect(
      await count('{ policiesConnection(where: { mode: { eq: DIRECT } }) { aggregate { count { nodes } } } }'),
    ).toBe(8);
  });

  it('every synthetic credit code passes its check character and every synthetic name carries （示例）', async () => {
    const result = await runAutoCommit<{ codes: string[]; badNames: string[] }>(
      app.driver,
      'neo4j',
      `MATCH (e:Enterprise) WHERE e.synthetic
       WITH collect(e.creditCode) AS codes
       OPTIONAL MATCH (n) WHERE n.synthetic = true AND coalesce(n.name, n.title) IS NOT NULL
         AND NOT coalesce(n.name, n.title) ENDS WITH '（示例）'
       RETURN codes, collect(coalesce(n.name, n.title)) AS badNames`,
    );
    const codes = result.records[0]?.get('codes') ?? [];
    // F1's 11,000 firms, but for the letter's named firms (real ones: no synthetic code).
    expect(codes).toHaveLength(11_000 - namedEnterprises.length);
    expect(codes.filter((c) => validateCreditCode(c) !== null)).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(result.records[0]?.get('badNames')).toEqual([]);
  });

  it('loading the seed again leaves node and relationship counts unchanged', async () => {
    const counts = async (): Promise<[number, number]> => {
      const r = await runAutoCommit(
        app.driver,
        'neo4j',
        'CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
      );
      return [Number(r.records[0]?.get('nodes')), Number(r.records[0]?.get('rels'))];
    };
    const before = await counts();
    const summary = await loadSeed(app.driver, 'neo4j', { scale: 1 });
    expect(await counts()).toEqual(before);
    expect(before[0]).toBeGreaterThanOrEqual(summary.nodes);
  }, 300_000);

  it('gap queries answer on the seed: the letter gaps, and each rule non-compliant count is its gap list length', async () => {
    const GAP_LISTS: Record<string, string> = {
      R1_COMPLIANCE: 'enterprisesWithoutRdInstitution',
      R2_COMPLIANCE: 'enterprisesWithoutLandmarkAchievement',
      R3_COMPLIANCE: 'enterprisesWithoutConsortium',
      R4_COMPLIANCE: 'enterprisesNotTechLeader',
      R5_COMPLIANCE: 'backboneEnterprisesWithoutPlatform',
    };
    /** Every id a paged gap field returns, 500 at a time. */
    const all = async (field: string, args: string): Promise<string[]> => {
      const found: string[] = [];
      for (let offset = 0; ; offset += 500) {
        const data = await gql<Record<string, { id: string }[]>>(
          `{ ${field}(${args}${args ? ', ' : ''}limit: 500, offset: ${offset}) { id } }`,
        );
        const page = data[field] ?? [];
        found.push(...page.map((n) => n.id));
        if (page.length < 500) return found;
      }
    };
    for (const [name, field] of Object.entries(GAP_LISTS)) {
      const data = await gql<{ metric: { numerator: number; denominator: number } }>(
        `{ metric(name: ${name}, year: 2024) { numerator denominator } }`,
      );
      const listed = await all(field, 'year: 2024');
      expect([name, data.metric.denominator - data.metric.numerator]).toEqual([name, listed.length]);
      expect(new Set(listed).size).toBe(listed.length);
    }
    // The gaps seed/reference/industry.ts builds on purpose.
    expect((await all('chainsWithoutLabPartner', '')).sort()).toEqual(GAPS.chainsWithoutLab.map(chainId).sort());
    expect((await all('chainsWithoutUniversityPartner', '')).sort()).toEqual(
      GAPS.chainsWithoutUniversity.map(chainId).sort(),
    );
    expect(await all('chainSegmentsWithoutEnterprise', '')).toEqual(
      expect.arrayContaining(GAPS.emptySegments.map(([chain, position]) => segmentId(chain, position))),
    );
    const coverage = await gql<{
      fourHavesCoverage: { covered: number; total: number; missing: number; ratio: number };
    }>('{ fourHavesCoverage(year: 2024) { covered total missing ratio } }');
    expect(coverage.fourHavesCoverage.ratio).toBeGreaterThan(0.8);
    expect(await all('enterprisesMissingFourHaves', 'year: 2024')).toHaveLength(coverage.fourHavesCoverage.missing);
    const expiring = await gql<{ expiringQualifications: { id: string }[] }>(
      '{ expiringQualifications(year: 2024, limit: 5) { id } }',
    );
    expect(expiring.expiringQualifications.length).toBeGreaterThan(0);
  }, 300_000);

  it('after a rebuild of the maintained aggregates (what npm run seed and a first start leave), every figure reads the same from the counters as live', async () => {
    // Live first: the reload above marked the aggregates stale, so the API computes each metric from the graph.
    expect(await aggregatesMode(app.driver, 'neo4j')).not.toBe('ready');
    const names = [...FIGURES.map(([, name, year]) => [name, year] as const), ['FOUR_HAVES_COVERAGE', 2024] as const];
    const live = [];
    for (const [name, year] of names) live.push(await metric(name, year));

    const rebuilt = await rebuildAggregates(app.driver, 'neo4j');
    expect(rebuilt.rebuilt).toBe(true);
    expect(await aggregatesMode(app.driver, 'neo4j')).toBe('ready');

    const maintained: { value: number | undefined; newInYear: number | null | undefined }[] = [];
    for (const [name, year] of names) {
      const m = await readTx(app.driver, { database: 'neo4j' }, (tx) =>
        maintainedMetric(tx, name, { year, regionCode: null, chainId: null }),
      );
      expect([name, m]).not.toEqual([name, null]);
      maintained.push({ value: m?.value, newInYear: m?.newInYear });
    }
    // The same through the API, which now answers from the counters (they are ready).
    const viaApi = [];
    for (const [name, year] of names) viaApi.push(await metric(name, year));

    expect(maintained).toEqual(live);
    expect(viaApi).toEqual(live);
    // And the letter's figures themselves, from the counters (the live reads are checked against them above).
    FIGURES.forEach(([figure, name, , value, newInYear], i) => {
      const m = maintained[i];
      if (name !== 'GAZELLE_ENTERPRISES') expect([figure, m?.value]).toEqual([figure, value]);
      if (newInYear !== undefined) expect([figure, m?.newInYear]).toEqual([figure, newInYear]);
    });
    const coverage = maintained[FIGURES.length]?.value ?? NaN;
    expect(coverage).toBeGreaterThan(0.8);
    expect(coverage).toBeLessThan(1);
  }, 300_000);
  it('on the demo city, series, breakdowns and the matrix equal metric called per year and per scope', async () => {
    // After the rebuild above: the counters are ready, so these read them as the API serves them.
    if ((await aggregatesMode(app.driver, 'neo4j')) !== 'ready') await rebuildAggregates(app.driver, 'neo4j');
    const FIELDS = 'name year value amount newInYear unit numerator denominator regionCode chainId';
    const one = async (name: string, year: number, regionCode: string | null, chainId: string | null) =>
      (
        await gql<{ metric: Record<string, unknown> }>(
          `query ($name: MetricName!, $year: Int!, $r: RegionCode, $c: ID) {
             metric(name: $name, year: $year, regionCode: $r, chainId: $c) { ${FIELDS} } }`,
          { name, year, r: regionCode, c: chainId },
        )
      ).metric;
    const CITY = '410400';
    for (const name of ['FOUR_HAVES_COVERAGE', 'HIGH_TECH_ENTERPRISES', 'NATIONAL_PROVINCIAL_PROJECT_FUNDING']) {
      const { metricSeries } = await gql<{ metricSeries: { points: Record<string, unknown>[] } }>(
        `query ($name: MetricName!) { metricSeries(name: $name, from: 2020, to: 2024, regionCode: "${CITY}") {
           points { ${FIELDS} } } }`,
        { name },
      );
      expect(metricSeries.points.map((p) => p.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
      for (const point of metricSeries.points) expect(point).toEqual(await one(name, point.year as number, CITY, null));
      for (const by of ['COUNTY', 'CHAIN']) {
        const { metricBreakdown } = await gql<{
          metricBreakdown: {
            total: Record<string, unknown>;
            rows: { code: string; metric: Record<string, unknown> }[];
          };
        }>(
          `query ($name: MetricName!, $by: BreakdownDimension!) { metricBreakdown(name: $name, year: 2024, by: $by) {
             total { ${FIELDS} } rows { code metric { ${FIELDS} } } } }`,
          { name, by },
        );
        // The 12 county-level units of the letter (10 counties and districts, 2 zones), or the 12 chains.
        expect(metricBreakdown.rows).toHaveLength(12);
        expect(metricBreakdown.total).toEqual(await one(name, 2024, null, null));
        for (const row of metricBreakdown.rows) {
          const scope = by === 'COUNTY' ? [row.code, null] : [null, row.code];
          expect(row.metric).toEqual(await one(name, 2024, scope[0] ?? null, scope[1] ?? null));
        }
      }
    }
    const { chainCountyMatrix } = await gql<{
      chainCountyMatrix: {
        cells: {
          chainId: string;
          regionCode: string;
          enterprises: number;
          gaps: { metric: string; missing: number }[];
        }[];
      };
    }>('{ chainCountyMatrix(year: 2024) { cells { chainId regionCode enterprises gaps { metric missing } } } }');
    expect(chainCountyMatrix.cells).toHaveLength(144);
    // Every 7th cell (a spread over chains and counties), each count against metric.
    for (const cell of chainCountyMatrix.cells.filter((_, i) => i % 7 === 0)) {
      const firms = await one('INDUSTRIAL_ENTERPRISES', 2024, cell.regionCode, cell.chainId);
      expect(cell.enterprises).toBe(firms.value);
      for (const gap of cell.gaps) {
        const m = await one(gap.metric, 2024, cell.regionCode, cell.chainId);
        expect([gap.metric, gap.missing]).toEqual([gap.metric, (m.denominator as number) - (m.numerator as number)]);
      }
    }
  }, 300_000);
  it('the annual report (GET /export/report): a Word document with the review, its summary and one image per chart', async () => {
    if ((await aggregatesMode(app.driver, 'neo4j')) !== 'ready') await rebuildAggregates(app.driver, 'neo4j');
    const url = await app.listen();
    const token = async (role: 'viewer' | 'planner') =>
      mintToken(AUTH, { sub: `seed-${role}`, roles: [role], ttl: '10m' });
    const get = async (path: string, role: 'viewer' | 'planner') =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${await token(role)}` } });
    expect((await get('/export/report?year=2024', 'viewer')).status).toBe(403);
    const noYear = await get('/export/report', 'planner');
    expect(noYear.status).toBe(400);
    expect(JSON.stringify(await noYear.json())).toContain('year is required for the report');
    const noTargets = await get('/export/report?year=2023', 'planner');
    expect(noTargets.status).toBe(400);
    expect(JSON.stringify(await noTargets.json())).toContain('no targets are set for 2023');

    // Two at once: one is made, the other is told to retry (one report at a time: its charts take seconds of CPU).
    const both = await Promise.all([
      get('/export/report?year=2024', 'planner'),
      get('/export/report?year=2024', 'planner'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 429]);
    const refused = both.find((r) => r.status === 429);
    expect(refused?.headers.get('retry-after')).toBe('15');
    expect(JSON.stringify(await refused?.json())).toContain('RATE_LIMITED');
    const response = both.find((r) => r.status === 200) as Response;
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // The document's text, paragraph by paragraph, and table rows as their cells' texts.
    const textOf = (fragment: string) =>
      [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]));
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])),
    );
    expect(paragraphs[0]).toBe('平顶山市2024年度科技创新目标考核报告');

    const { targetReview } = await gql<{
      targetReview: {
        met: number;
        notMet: number;
        suppressed: number;
        unavailable: number;
        targets: { metric: string; actual: number | null; status: string; unit: string }[];
      };
    }>('{ targetReview(year: 2024) { met notMet suppressed unavailable targets { metric actual status unit } } }');
    const review = targetReview;
    const total = review.met + review.notMet + review.suppressed + review.unavailable;
    expect(paragraphs).toContainEqual(
      expect.stringContaining(
        `2024年度共考核${total}项指标，其中达标${review.met}项、未达标${review.notMet}项、数据不公开${review.suppressed}项、暂无数据${review.unavailable}项。`,
      ),
    );
    // Every target is a row of the target table: its name, actual and status as the review gives them.
    const names: Record<string, string> = {
      FOUR_HAVES_COVERAGE: '规上工业企业“四有”覆盖率',
      R1_COMPLIANCE: '营收1亿元以上企业研发机构覆盖率',
      R2_COMPLIANCE: '营收5亿元以上企业标志性研发成果覆盖率',
      R3_COMPLIANCE: '营收10亿元以上企业创新联合体覆盖率',
      R4_COMPLIANCE: '营收100亿元以上企业科技领军企业比例',
      R5_COMPLIANCE: '主导产业骨干企业研发平台覆盖率',
    };
    expect(review.targets.map((t) => t.metric).sort()).toEqual(Object.keys(names).sort());
    for (const t of review.targets) {
      const row = rows.find((r) => r[0] === names[t.metric]);
      expect(row).toBeDefined();
      expect(row?.[2]).toBe(formatValue(t.actual, 'ratio', ''));
      expect(row?.[4]).toBe(formatStatus(t.status as 'MET'));
    }
    // 四有 coverage 0.8272 of 2024 is written 82.7%, and R3 (7 of 30) 23.3%.
    expect(rows.find((r) => r[0] === names.FOUR_HAVES_COVERAGE)?.[2]).toBe('82.7%');
    expect(rows.find((r) => r[0] === names.R3_COMPLIANCE)?.[2]).toBe('23.3%');

    // One image per chart: the targets, one trend per target, the county ranking and map, the matrix.
    const input = await collectReport((query, variables) => app.execute(query, variables, as('p', 'planner')), {
      year: 2024,
      regionCode: null,
      chainId: null,
    });
    const charts = chartOptions(input);
    expect(charts.map((c) => c.id)).toEqual([
      'targets',
      ...review.targets.map((_, i) => `trend-${i}`),
      'counties',
      'map',
      'matrix',
    ]);
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(charts.length);
    expect((xml.match(/<pic:pic[ >]/g) ?? []).length).toBe(charts.length);
    // The gap lists' first entries with their partner suggestion; the data's date and its synthetic flag.
    expect(rows.some((r) => r.includes('汝州金源机械有限公司（示例）'))).toBe(true);
    expect(paragraphs).toContain('数据截至：2024年12月31日');
    expect(paragraphs.join('\n')).toContain('示例数据');
  }, 300_000);
});
