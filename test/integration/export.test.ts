import ExcelJS from 'exceljs';
import { mintToken } from '../../src/auth';
import type { Role } from '../../src/domain';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';
import { nextRegionCode, UNUSED_REGION_CODE } from '../support/regionCodes';

const AUTH = tokenAuth('an-export-http-test-secret-32-bytes!');

describe('GET /export: gap lists and the review as Excel and CSV, the same numbers as the GraphQL answer', () => {
  let app: TestApp;
  let url: string;
  const regionCode = nextRegionCode();
  const tokens = new Map<Role, string>();
  // R3 (revenue ≥ 10亿 in 2024 without a consortium): big-1 and big-2 qualify, big-3 is a consortium member,
  // small is under the threshold. Revenues in yuan; 1,234,567,891 yuan = 123,456.7891 万元.
  const FIRMS = [
    { key: 'big-1', name: '导出甲（示例）', revenue: 1_234_567_891, member: false },
    { key: 'big-2', name: '导出乙（示例）', revenue: 2_000_000_000, member: false },
    { key: 'big-3', name: '导出丙（示例）', revenue: 3_000_000_000, member: true },
    { key: 'small', name: '导出丁（示例）', revenue: 5_000_000, member: false },
  ];

  beforeAll(async () => {
    app = await createTestApp(undefined, { auth: AUTH });
    url = await app.listen();
    for (const role of ['viewer', 'planner'] as const) {
      tokens.set(role, await mintToken(AUTH, { sub: `${app.prefix}${role}`, roles: [role], ttl: '10m' }));
    }
    await app.write(
      `CREATE (r:Region {id: $p + 'region', code: $code, name: '导出区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (c:Consortium {id: $p + 'consortium', name: '导出联合体（示例）', synthetic: true})
       WITH r, c
       UNWIND $firms AS f
       CREATE (e:Enterprise {id: $p + f.key, name: f.name, aboveScale: true, backbone: false, synthetic: true,
         revenue: f.revenue})-[:LOCATED_IN]->(r)
       CREATE (e)-[:HAS_REPORT]->(:AnnualReport {id: $p + f.key + '-2024', year: 2024, revenue: f.revenue,
         aboveScale: true, hasRdInstitution: false, hasRdStaff: false, hasRdSpending: false, hasIurCooperation: false,
         synthetic: true})
       FOREACH (_ IN CASE WHEN f.member THEN [1] ELSE [] END | CREATE (e)-[:MEMBER_OF]->(c))`,
      { code: regionCode, firms: FIRMS },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, role: Role) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens.get(role)}` } });

  it('writes a gap list as a workbook: Chinese headers with units, a frozen header row, numbers as numbers', async () => {
    const response = await get(
      `/export/gap/enterprisesWithoutConsortium?year=2024&regionCode=${regionCode}`,
      'planner',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const values = sheet
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual([
      ['企业ID', '企业名称', '统一社会信用代码', '所在县区', '2024年营业收入（万元）'],
      // By that year's revenue, descending; no credit code in the fixture (an empty cell).
      [`${app.prefix}big-2`, '导出乙（示例）', undefined, '导出区（示例）', 200_000],
      [`${app.prefix}big-1`, '导出甲（示例）', undefined, '导出区（示例）', 123_456.7891],
    ]);
    expect(sheet.getCell('E2').numFmt).toBe('#,##0.00##');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(14);

    // The same list through GraphQL: the same firms in the same order.
    const answer = await app.execute<{ enterprisesWithoutConsortium: { id: string }[] }>(
      `{ enterprisesWithoutConsortium(year: 2024, regionCode: "${regionCode}") { id } }`,
    );
    expect(answer.data?.enterprisesWithoutConsortium.map((e) => e.id)).toEqual(values.slice(1).map((row) => row[0]));
  });

  it('writes CSV as UTF-8 with a BOM, and refuses a viewer, an unknown list, and a filter the list does not take', async () => {
    const csv = await get(
      `/export/gap/enterprisesWithoutConsortium?year=2024&regionCode=${regionCode}&format=csv`,
      'planner',
    );
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      '企业ID,企业名称,统一社会信用代码,所在县区,2024年营业收入（万元）',
      `${app.prefix}big-2,导出乙（示例）,,导出区（示例）,200000`,
      `${app.prefix}big-1,导出甲（示例）,,导出区（示例）,123456.7891`,
      '',
    ]);
    expect((await get(`/export/gap/enterprisesWithoutConsortium?year=2024`, 'viewer')).status).toBe(403);
    const unknown = await get('/export/gap/nothing', 'planner');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /^no gap list is named "nothing"; one of backboneEnterprisesWithoutPlatform, /,
    );
    const filter = await get('/export/gap/chainsWithoutLabPartner?year=2024', 'planner');
    expect(filter.status).toBe(400);
    const badRegion = await get(`/export/gap/enterprisesWithoutConsortium?regionCode=${UNUSED_REGION_CODE}`, 'planner');
    expect(badRegion.status).toBe(400);
    expect(((await badRegion.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^regionCode: /);
  });

  it('writes fourHavesCoverage as the firms that lack one of the four, what each lacks, and the figures as notes', async () => {
    const response = await get(`/export/gap/fourHavesCoverage?year=2024&regionCode=${regionCode}`, 'planner');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const [list, notes] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const rows = list
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    // Every fixture firm is above scale in 2024 with none of the four: all four listed, lacking all four.
    expect(rows[0]).toEqual([
      '企业ID',
      '企业名称',
      '统一社会信用代码',
      '所在县区',
      '2024年营业收入（万元）',
      '缺少的四有',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[5]])).toEqual(
      ['big-3', 'big-2', 'big-1', 'small'].map((k) => [
        `${app.prefix}${k}`,
        '研发机构、研发人员、研发投入、产学研合作',
      ]),
    );
    const figures = Object.fromEntries(
      notes
        .getSheetValues()
        .slice(2)
        .map((row) => (row as unknown[]).slice(1, 3)),
    );
    expect(figures).toMatchObject({ 四有企业数: 0, 规上企业数: 4, 缺少四有的企业数: 4, 覆盖率: 0, 行数: 4 });
  });
});
