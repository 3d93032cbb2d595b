import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { runAutoCommit, toPlain } from '../../src/db';
import { type ImportReport, type ImportRequest, runImport, undoImport } from '../../src/import';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';
import { csv, deleteImported, fingerprint, newCreditCode, withWrongCheck, xlsx } from '../support/importFixtures';
import { nextRegionCode } from '../support/regionCodes';

const HEADER = [
  '序号',
  '统一社会信用代码\n（18位）',
  '企业名称',
  '所在县区',
  '国民经济行业代码',
  '成立日期',
  '是否规上',
  '年份',
  '营业收入 （万元）',
  '研发费用（万元）',
  '研发人员（人）',
  '有研发机构',
  '有研发人员',
  '有研发投入',
  '有产学研合作',
];

describe('spreadsheet import on a real Neo4j (enterprises and qualifications)', () => {
  let app: TestApp;
  // Names and codes unique to this run: the database is shared with the other test files.
  const tok = randomBytes(2).toString('hex');
  const city = `乙${tok}市`;
  const countyA = `甲${tok}区`;
  const countyB = `丙${tok}县`;
  const [codeCity, codeA, codeB] = [nextRegionCode(), nextRegionCode(), nextRegionCode()];
  const firmCode = newCreditCode();
  const firmName = `鑫达${tok}机械有限公司`;
  const cableName = `${city}华${tok}电缆有限责任公司（示例）`;
  const uniName = `鹰城${tok}理工学院（示例）`;
  const instName = `${city}${tok}材料研究所（示例）`;
  const p = (key: string) => `${app.prefix}${key}`;
  const subject = { actor: `importer-${tok}`, roles: ['editor'], operation: 'import enterprises', requestId: null };
  const createdCodes: string[] = [];

  async function load(
    bytes: Buffer,
    name: string,
    options: Partial<Omit<ImportRequest, 'bytes' | 'fileName' | 'subject'>> = {},
  ): Promise<ImportReport> {
    return runImport(
      app.driver,
      { database: DATABASE },
      {
        bytes,
        fileName: `${app.prefix}${name}`,
        kind: 'enterprises',
        subject: { ...subject, operation: `import ${options.kind ?? 'enterprises'}` },
        ...options,
      },
    );
  }
  const ours = () => fingerprint(app.driver, [p('firm'), p('cable')], [firmCode, ...createdCodes]);
  async function rows<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await runAutoCommit(app.driver, DATABASE, cypher, params);
    return result.records.map((r) => toPlain(r.toObject()) as T);
  }

  beforeAll(async () => {
    app = await createTestApp();
    // The qualifications are reference data (the demo seed loads them); this file must not depend on a seed having
    // run in the shared database first.
    await runAutoCommit(
      app.driver,
      DATABASE,
      `UNWIND $codes AS code
       MERGE (q:Qualification {code: code})
       ON CREATE SET q.id = 'qual-' + code, q.name = code, q.synthetic = false`,
      { codes: ['HIGH_TECH', 'TECH_SME', 'GAZELLE'] },
    );
    await app.write(
      `CREATE (c:Region {id: $p + 'city', code: $codeCity, name: $city, level: 'CITY', synthetic: true})
       CREATE (a:Region {id: $p + 'a', code: $codeA, name: $countyA, level: 'DISTRICT', synthetic: true})-[:PART_OF]->(c)
       CREATE (b:Region {id: $p + 'b', code: $codeB, name: $countyB, level: 'COUNTY', synthetic: true})-[:PART_OF]->(c)
       CREATE (f:Enterprise {id: $p + 'firm', name: $firmName, creditCode: $firmCode, aboveScale: true, backbone: false,
         synthetic: true, revenue: 5000000, source: 'fixture'})-[:LOCATED_IN]->(a)
       CREATE (f)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'firm-2023', year: 2023, revenue: 5000000, aboveScale: true,
         hasRdInstitution: false, hasRdStaff: false, hasRdSpending: false, hasIurCooperation: false, synthetic: true})
       CREATE (:Enterprise {id: $p + 'cable', name: $cableName, aboveScale: false, backbone: false, synthetic: true})
         -[:LOCATED_IN]->(b)
       CREATE (:University {id: $p + 'uni', name: $uniName, synthetic: true})
       CREATE (:ResearchInstitute {id: $p + 'inst', name: $instName, synthetic: true})`,
      {
        codeCity,
        codeA,
        codeB,
        city,
        countyA,
        countyB,
        firmCode,
        firmName,
        cableName,
        uniName,
        instName,
      },
    );
  });
  afterAll(async () => {
    await deleteImported(app.driver, app.prefix);
    await app.close();
  });

  it('reads a register as a bureau sends it: title rows, merged cells, footnotes, every form of a value', async () => {
    const newCode = newCreditCode();
    createdCodes.push(newCode);
    const file = await xlsx(
      [
        [`2024年${city}规上工业企业名录`],
        [],
        HEADER,
        // Row 4: the existing firm by its credit code, under another way of writing its name; 万元 with decimals.
        [
          1,
          firmCode,
          `${city}鑫达${tok}机械有限责任公司`,
          `${city}${countyA}`,
          'C3412',
          new Date(Date.UTC(2010, 4, 20)),
          '是',
          2024,
          12345.67,
          '456.7',
          35,
          '√',
          'Y',
          1,
          '有',
        ],
        // Row 5: a new firm, every value in another of the forms the reference lists.
        [
          2,
          ` ${newCode} `,
          `新${tok}材料有限公司`,
          codeB,
          null,
          '2019年3月',
          '否',
          '2024年',
          '1,234.5',
          null,
          null,
          null,
          'N',
          '0',
          '无',
        ],
        [],
        ['注：排名不分先后'],
      ],
      // The title and the footnote merged across the columns, as bureaus' files have them.
      ['A1:O1', 'A7:O7'],
    );
    const before = await ours();
    const report = await load(file, 'register.xlsx');
    expect(report).toMatchObject({
      kind: 'enterprises',
      file: `${app.prefix}register.xlsx`,
      dryRun: false,
      applied: true,
      rows: 2,
      created: 1,
      updated: 1,
      unchanged: 0,
      invalid: [],
      review: [],
      duplicates: [],
      ignoredColumns: ['序号'],
    });
    expect(report.batchId).toMatch(/^batch-/);
    expect(await ours()).not.toBe(before);

    const [firm] = await rows(
      `MATCH (e:Enterprise {id: $id})-[:HAS_REPORT]->(r:AnnualReport {year: 2024}), (e)-[:LOCATED_IN]->(g:Region)
       RETURN e.name AS name, e.revenue AS revenue, e.industryCode AS industry, toString(e.foundedOn) AS founded,
         e.source AS source, g.code AS county, r {.revenue, .rdExpenditure, .rdStaff, .aboveScale, .hasRdInstitution,
         .hasRdStaff, .hasRdSpending, .hasIurCooperation, .source} AS report`,
      { id: p('firm') },
    );
    expect(firm).toEqual({
      // An existing firm keeps its name; 12345.67 万元 = 123,456,700 yuan, 456.7 万元 = 4,567,000 yuan.
      name: firmName,
      revenue: 123_456_700,
      industry: 'C3412',
      founded: '2010-05-20',
      source: `${app.prefix}register.xlsx, row 4`,
      county: codeA,
      report: {
        revenue: 123_456_700,
        rdExpenditure: 4_567_000,
        rdStaff: 35,
        aboveScale: true,
        hasRdInstitution: true,
        hasRdStaff: true,
        hasRdSpending: true,
        hasIurCooperation: true,
        source: `${app.prefix}register.xlsx, row 4`,
      },
    });
    const [created] = await rows(
      `MATCH (e:Enterprise {creditCode: $code})-[:HAS_REPORT]->(r:AnnualReport {year: 2024}), (e)-[:LOCATED_IN]->(g)
       RETURN e {.id, .name, .revenue, .aboveScale, .backbone, .synthetic, .source} AS firm, toString(e.foundedOn) AS founded,
         g.code AS county, r {.revenue, .hasRdInstitution, .hasRdStaff, .hasRdSpending, .hasIurCooperation} AS report`,
      { code: newCode },
    );
    expect(created).toEqual({
      firm: {
        id: `ent-${newCode}`,
        name: `新${tok}材料有限公司`,
        revenue: 12_345_000,
        aboveScale: false,
        backbone: false,
        synthetic: false,
        source: `${app.prefix}register.xlsx, row 5`,
      },
      founded: '2019-03-01',
      county: codeB,
      report: {
        revenue: 12_345_000,
        hasRdInstitution: false,
        hasRdStaff: false,
        hasRdSpending: false,
        hasIurCooperation: false,
      },
    });
    // Provenance: the batch, with the file's hash and counts, linked to every node it wrote; its AuditEvent.
    const [batch] = await rows(
      `MATCH (b:ImportBatch {id: $id})
       RETURN b {.file, .sha256, .kind, .actor, .created, .updated, .unchanged} AS batch,
         COUNT { (b)<-[:IMPORTED_IN]-() } AS linked`,
      { id: report.batchId },
    );
    expect(batch).toEqual({
      batch: {
        file: `${app.prefix}register.xlsx`,
        sha256: report.sha256,
        kind: 'enterprises',
        actor: subject.actor,
        created: 1,
        updated: 1,
        unchanged: 0,
      },
      // Two firms and two reports (the existing firm's 2024 report is new too).
      linked: 4,
    });
    const events = await rows(
      'MATCH (a:AuditEvent {id: $id}) RETURN a.operation AS operation, a.actor AS actor, a.nodesCreated AS nodes',
      {
        id: report.auditEventId,
      },
    );
    expect(events).toEqual([{ operation: 'import enterprises', actor: subject.actor, nodes: 4 }]);

    // The same file again changes nothing: every row is unchanged, and nothing is linked to the new batch.
    const again = await load(file, 'register.xlsx');
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2 });
  });

  it('writes nothing when a row is invalid, and reports every problem with row, header, value and reason', async () => {
    const good = newCreditCode();
    const file = await xlsx([
      HEADER,
      [1, good, `好${tok}科技有限公司`, countyA, null, null, '是', 2024, '100', null, null, null, null, null, null],
      [2, withWrongCheck(newCreditCode()), `坏${tok}科技有限公司`, countyA, null, null, '是', 2024, '100'],
      [3, newCreditCode(), `远${tok}科技有限公司`, '朝阳区', null, null, '是', 2024, '1.23456'],
      [4, newCreditCode(), null, countyB, null, null, '也许', 1800],
    ]);
    const before = await fingerprint(app.driver, [], [good]);
    const report = await load(file, 'invalid.xlsx');
    expect(report.applied).toBe(false);
    expect(report.batchId).toBeNull();
    const codeHeader = '统一社会信用代码 （18位）';
    expect(report.invalid).toEqual([
      {
        row: 3,
        column: codeHeader,
        value: expect.any(String),
        reason: expect.stringMatching(/^not a valid unified social credit code: check character at position 18/),
      },
      { row: 4, column: '所在县区', value: '朝阳区', reason: expect.stringMatching(/^not a county of the city/) },
      {
        row: 4,
        column: '营业收入 （万元）',
        value: '1.23456',
        reason: 'more than 4 decimals in 万元 is a fraction of a yuan',
      },
      { row: 5, column: '企业名称', value: '', reason: 'required, but empty' },
      { row: 5, column: '是否规上', value: '也许', reason: 'not a yes/no value (write 是/否, 有/无, √, Y/N or 1/0)' },
      { row: 5, column: '年份', value: '1800', reason: 'a year must be between 1949 and 2100' },
    ]);
    expect(await fingerprint(app.driver, [], [good])).toBe(before);
    expect(
      await rows('MATCH (b:ImportBatch {file: $file}) RETURN b.id AS id', { file: `${app.prefix}invalid.xlsx` }),
    ).toEqual([]);

    // --skip-invalid writes the valid row and still says the file was not clean.
    createdCodes.push(good);
    const partial = await load(file, 'invalid.xlsx', { skipInvalid: true });
    expect(partial).toMatchObject({ applied: true, created: 1, updated: 0 });
    expect(partial.invalid).toHaveLength(6);
    expect(await rows('MATCH (e:Enterprise {creditCode: $good}) RETURN e.name AS name', { good })).toEqual([
      { name: `好${tok}科技有限公司` },
    ]);
  });

  it("reads a county merged down over the rows of its firms as each firm's county", async () => {
    const [first, second] = [newCreditCode(), newCreditCode()];
    createdCodes.push(first, second);
    const file = await xlsx(
      [
        ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份'],
        [first, `合并${tok}第一精工有限公司`, countyB, '是', 2024],
        [second, `合并${tok}第二化纤有限公司`, null, '是', 2024],
      ],
      ['C2:C3'],
    );
    expect(await load(file, 'merged.xlsx')).toMatchObject({ applied: true, created: 2, invalid: [] });
    expect(
      await rows(
        'MATCH (e:Enterprise)-[:LOCATED_IN]->(g:Region) WHERE e.creditCode IN $codes RETURN g.code AS county, count(e) AS n',
        { codes: [first, second] },
      ),
    ).toEqual([{ county: codeB, n: 2 }]);
  });

  it("keeps one firm per credit code, a new firm's later rows from resetting it, and CSV row numbers as Excel shows them", async () => {
    const [code, cableCode] = [newCreditCode(), newCreditCode()];
    createdCodes.push(code);
    const header = ['"统一社会信用代码\n（18位）"', '企业名称', '所在县区', '是否规上', '年份', '有研发机构'].join(',');
    const line = (cells: unknown[]) => cells.join(',');
    // Row 1 is the header (one row in Excel, two lines of text). Rows 2–3: one new firm's two years (规上 in its
    // latest, 2024, not in 2023; 有研发机构 blank = no). Row 4: the cable firm (no code yet) by its name, given a code;
    // row 5: that code again for another name — one code, two firms. Row 6: the fixture firm's name with another
    // code than its own.
    const firmRows = [
      line([code, `一码${tok}精密机械有限公司`, countyA, '是', 2024, '']),
      line([code, `一码${tok}精密机械有限公司`, countyA, '否', 2023, '']),
    ];
    const conflicting = [
      line([cableCode, `华${tok}电缆有限公司`, countyB, '否', 2024, '']),
      line([cableCode, `另名${tok}塑胶制品有限公司`, countyA, '是', 2024, '']),
      line([newCreditCode(), firmName, countyA, '是', 2024, '']),
    ];
    const refused = await load(Buffer.from([header, ...firmRows, ...conflicting, ''].join('\r\n')), 'codes.csv');
    const codeHeader = '统一社会信用代码 （18位）';
    expect(refused.invalid).toEqual([
      {
        row: 5,
        column: codeHeader,
        value: cableCode,
        reason: `row 4 gives this credit code to ${p('cable')}, this row to ent-${cableCode}: one code, one firm`,
      },
      {
        row: 6,
        column: codeHeader,
        value: expect.any(String),
        reason: `the name is that of ${p('firm')}, whose credit code is ${firmCode}: correct the code, or the name if this is another firm`,
      },
    ]);
    const applied = await load(Buffer.from([header, ...firmRows, ''].join('\r\n')), 'codes.csv');
    // Both rows are about a firm new to the graph: both count as created.
    expect(applied).toMatchObject({ applied: true, created: 2, updated: 0 });
    expect(
      await rows(
        `MATCH (e:Enterprise {creditCode: $code})-[:HAS_REPORT]->(r)
         RETURN e.aboveScale AS firm, r.year AS year, r.aboveScale AS report, r.hasRdInstitution AS institution ORDER BY year`,
        { code },
      ),
    ).toEqual([
      { firm: true, year: 2023, report: false, institution: false },
      { firm: true, year: 2024, report: true, institution: false },
    ]);
  });

  it('refuses options and mappings that would write what nobody asked for', async () => {
    const header = ['企业名称', '统一社会信用代码', '认定年份'];
    await expect(
      load(Buffer.from(csv([header])), 'y.csv', { kind: 'qualifications', qualification: 'HIGH_TECH', year: 2204 }),
    ).rejects.toThrow('--year: a year must be between 1949 and 2100; got 2204');
    await expect(
      load(Buffer.from(csv([header])), 'q.csv', { kind: 'qualifications', qualification: 'constructor' }),
    ).rejects.toThrow(/^--qualification must be one of HIGH_TECH, /);
    // A mapping decides only a row under review; `new` without a credit code is refused for a list.
    const file = Buffer.from(csv([header, [`鑫达${tok}机械制造有限公司`, '', '2024'], [cableName, '', '2024']]));
    const mapped = await load(file, 'map.csv', {
      kind: 'qualifications',
      qualification: 'GAZELLE',
      mapping: new Map([
        [2, 'new'],
        [3, p('firm')],
      ]),
    });
    expect(mapped.invalid).toEqual([
      {
        row: 2,
        column: null,
        value: 'new',
        reason: 'the mapping says new, but a firm is created only with its 统一社会信用代码',
      },
    ]);
    // Row 3 matched the cable firm by its name: the mapping to another firm did not apply.
    const gazelle = await load(file, 'map.csv', {
      kind: 'qualifications',
      qualification: 'GAZELLE',
      skipInvalid: true,
      mapping: new Map([[3, p('firm')]]),
    });
    expect(gazelle).toMatchObject({ applied: true, updated: 1 });
    expect(
      await rows(
        "MATCH (e:Enterprise)-[:HOLDS]->(:Qualification {code: 'GAZELLE'}) WHERE e.id IN $ids RETURN e.id AS id",
        {
          ids: [p('firm'), p('cable')],
        },
      ),
    ).toEqual([{ id: p('cable') }]);
    // An older list does not replace a newer grant.
    const older = await load(Buffer.from(csv([header, [cableName, '', '2021']])), 'old.csv', {
      kind: 'qualifications',
      qualification: 'GAZELLE',
    });
    expect(older.invalid).toEqual([
      {
        row: 2,
        column: '认定年份',
        value: null,
        reason: 'the graph has a later grant of this qualification (2024–2026); an older list does not replace it',
      },
    ]);
  });

  it('reads CSV saved by Excel on Chinese Windows (GBK) and UTF-8 with a BOM', async () => {
    const gbkCode = newCreditCode();
    const bomCode = newCreditCode();
    createdCodes.push(gbkCode, bomCode);
    const table = (code: string, name: string) =>
      csv([
        ['2024年企业名录'],
        ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '营业收入（万元）'],
        [code, name, countyB, '是', '2024', '2,000.5'],
      ]);
    const gbk = await load(iconv.encode(table(gbkCode, `豫${tok}重工装备有限公司`), 'gbk'), 'gbk.csv');
    expect(gbk).toMatchObject({ encoding: 'gb18030', applied: true, created: 1, invalid: [] });
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(table(bomCode, `洛${tok}纺织服饰有限公司`)),
    ]);
    expect(await load(bom, 'bom.csv')).toMatchObject({ encoding: 'utf-8 with BOM', applied: true, created: 1 });
    expect(
      await rows(
        'MATCH (e:Enterprise) WHERE e.creditCode IN $codes RETURN e.name AS name, e.revenue AS revenue ORDER BY name',
        {
          codes: [gbkCode, bomCode],
        },
      ),
    ).toEqual(
      [
        { name: `洛${tok}纺织服饰有限公司`, revenue: 20_005_000 },
        { name: `豫${tok}重工装备有限公司`, revenue: 20_005_000 },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  });

  it('applies a duplicated row once, and refuses two rows that disagree about the same firm and year', async () => {
    const code = newCreditCode();
    createdCodes.push(code);
    const row = [code, `双${tok}科技有限公司`, countyA, '是', 2024, '300'];
    const header = ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '营业收入（万元）'];
    const same = await load(Buffer.from(csv([header, row, row])), 'dup.csv');
    expect(same).toMatchObject({ applied: true, created: 1, duplicates: [{ row: 3, sameAs: 2 }], invalid: [] });
    const differing = await load(Buffer.from(csv([header, row, [...row.slice(0, 5), '301']])), 'dup2.csv');
    expect(differing.applied).toBe(false);
    expect(differing.invalid).toEqual([
      {
        row: 3,
        column: null,
        value: null,
        reason: 'the same firm and year as row 2, with other values in 营业收入（万元）',
      },
    ]);
  });

  it('matches names written differently, holds similar names for review, and applies a person’s mapping', async () => {
    const header = ['企业名称', '资质', '认定年份', '证书编号'];
    // The cable firm by its normalized name (no city, 有限公司 for 有限责任公司, without （示例）): matched, no code needed.
    // 鑫达…机械制造 is similar to 鑫达…机械 but not the same: review, never applied by itself.
    const file = Buffer.from(
      csv([
        header,
        [`华${tok}电缆有限公司`, '高新技术企业', '2024', 'GR2024001'],
        [`鑫达${tok}机械制造有限公司`, '高新技术企业', '2024', 'GR2024002'],
      ]),
    );
    const held = await load(file, 'quals.csv', { kind: 'qualifications' });
    expect(held.applied).toBe(false);
    expect(held.review).toEqual([
      {
        row: 3,
        name: `鑫达${tok}机械制造有限公司`,
        candidates: [{ id: p('firm'), name: firmName, score: Math.round((1 - 2 / (tok.length + 6)) * 100) / 100 }],
      },
    ]);
    const mapped = await load(file, 'quals.csv', { kind: 'qualifications', mapping: new Map([[3, p('firm')]]) });
    expect(mapped).toMatchObject({ applied: true, created: 0, updated: 2, review: [], invalid: [] });
    expect(
      await rows(
        `MATCH (e:Enterprise)-[h:HOLDS]->(:Qualification {code: 'HIGH_TECH'}) WHERE e.id IN $ids
         RETURN e.id AS id, h.grantedYear AS granted, h.validUntilYear AS until, h.certificateNo AS no ORDER BY id`,
        { ids: [p('cable'), p('firm')] },
      ),
    ).toEqual([
      // 高新技术企业 granted in 2024 without 有效期至: valid to 2026 (3 years).
      { id: p('cable'), granted: 2024, until: 2026, no: 'GR2024001' },
      { id: p('firm'), granted: 2024, until: 2026, no: 'GR2024002' },
    ]);
  });

  it('creates a firm from a qualification list only with a credit code', async () => {
    const code = newCreditCode();
    createdCodes.push(code);
    const file = Buffer.from(
      csv([
        ['企业名称', '统一社会信用代码', '有效期至', '所在县区'],
        [`全新${tok}光学仪器有限公司`, code, '2024', countyA],
        [`无码${tok}光学仪器设备有限公司`, '', '2024', countyA],
      ]),
    );
    const report = await load(file, 'sme.csv', { kind: 'qualifications', qualification: 'TECH_SME', year: 2024 });
    expect(report.invalid).toEqual([
      {
        row: 3,
        column: '企业名称',
        value: `无码${tok}光学仪器设备有限公司`,
        reason: 'no enterprise of this name is in the graph; give its 统一社会信用代码 to create it',
      },
    ]);
    const applied = await load(file, 'sme.csv', {
      kind: 'qualifications',
      qualification: 'TECH_SME',
      year: 2024,
      skipInvalid: true,
    });
    expect(applied).toMatchObject({ applied: true, created: 1 });
    expect(
      await rows(
        `MATCH (e:Enterprise {creditCode: $code})-[h:HOLDS]->(q:Qualification), (e)-[:LOCATED_IN]->(g)
         RETURN q.code AS q, h.grantedYear AS granted, h.validUntilYear AS until, g.code AS county`,
        { code },
      ),
    ).toEqual([{ q: 'TECH_SME', granted: 2024, until: 2024, county: codeA }]);
  });

  it('links firms to the universities and institutes of cooperation agreements, never inventing a partner', async () => {
    const header = ['企业名称', '合作单位', '合作类型', '起始年份'];
    const file = Buffer.from(
      csv([
        header,
        [firmName, `鹰城${tok}理工学院`, '共建研发中心', '2023'],
        [`华${tok}电缆有限公司`, `${tok}材料研究所`, '技术转让', '2024年'],
        [firmName, `鹰城${tok}理工大学`, '', '2024'],
      ]),
    );
    const refused = await load(file, 'coop.csv', { kind: 'cooperations' });
    expect(refused.applied).toBe(false);
    expect(refused.invalid).toEqual([
      {
        row: 4,
        column: '合作单位',
        value: `鹰城${tok}理工大学`,
        reason: `no university or research institute of this name is in the graph; similar: ${uniName} (${p('uni')})`,
      },
    ]);
    const applied = await load(file, 'coop.csv', { kind: 'cooperations', skipInvalid: true });
    expect(applied).toMatchObject({ applied: true, created: 0, updated: 2 });
    expect(
      await rows(
        `MATCH (e:Enterprise)-[c:COOPERATES_WITH]->(o) WHERE e.id IN $ids
         RETURN e.id AS firm, o.id AS partner, c.kind AS kind, c.sinceYear AS since ORDER BY firm`,
        { ids: [p('firm'), p('cable')] },
      ),
    ).toEqual([
      { firm: p('cable'), partner: p('inst'), kind: '技术转让', since: 2024 },
      { firm: p('firm'), partner: p('uni'), kind: '共建研发中心', since: 2023 },
    ]);
  });

  it('writes nothing in a dry run, and reports what the import would do', async () => {
    const code = newCreditCode();
    const file = Buffer.from(
      csv([
        ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '营业收入（万元）'],
        [firmCode, firmName, countyB, '是', 2022, '10'],
        [code, `预演${tok}测绘服务有限公司`, countyA, '否', 2024, '10'],
      ]),
    );
    const before = await fingerprint(app.driver, [p('firm')], [code]);
    const report = await load(file, 'dry.csv', { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, applied: true, batchId: null, created: 1, updated: 1, unchanged: 0 });
    expect(await fingerprint(app.driver, [p('firm')], [code])).toBe(before);
    expect(
      await rows('MATCH (b:ImportBatch {file: $file}) RETURN b.id AS id', { file: `${app.prefix}dry.csv` }),
    ).toEqual([]);
  });

  it('undoes a batch exactly, and refuses (changing nothing) when something it wrote changed since', async () => {
    const code = newCreditCode();
    createdCodes.push(code);
    const file = Buffer.from(
      csv([
        ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '营业收入（万元）', '研发人员（人）'],
        // An older year than the firm's latest report (2024): its report is added, the firm's latest revenue kept;
        // and the county moves from A to B.
        [firmCode, firmName, countyB, '否', 2022, '77', '3'],
        [code, `撤销${tok}物流运输有限公司`, countyA, '否', 2024, '10', '1'],
      ]),
    );
    const before = await ours();
    const report = await load(file, 'undo.csv');
    expect(report).toMatchObject({ applied: true, created: 1, updated: 1 });
    const [moved] = await rows(
      'MATCH (e:Enterprise {id: $id})-[:LOCATED_IN]->(g) RETURN collect(g.code) AS counties, e.revenue AS revenue',
      { id: p('firm') },
    );
    expect(moved).toEqual({ counties: [codeB], revenue: 123_456_700 });
    const admin = { actor: `admin-${tok}`, roles: ['admin'], operation: 'undo import', requestId: null };
    const undone = await undoImport(app.driver, { database: DATABASE }, report.batchId as string, admin);
    // Removed: the new firm, its report, and the existing firm's new 2022 report; restored: the existing firm (its county).
    expect(undone).toMatchObject({ undone: true, conflicts: [], nodesRemoved: 3, nodesRestored: 1 });
    expect(await ours()).toBe(before);
    const [event] = await rows('MATCH (a:AuditEvent {id: $id}) RETURN a.operation AS op, a.actor AS actor', {
      id: undone.auditEventId,
    });
    expect(event).toEqual({ op: 'undo import', actor: admin.actor });

    // Import again, then change a value it wrote: undo refuses, lists the conflict, and changes nothing.
    const second = await load(file, 'undo2.csv');
    await runAutoCommit(app.driver, DATABASE, 'MATCH (e:Enterprise {creditCode: $code}) SET e.name = $name', {
      code,
      name: `改名${tok}有限公司`,
    });
    const changed = await ours();
    const refused = await undoImport(app.driver, { database: DATABASE }, second.batchId as string, admin);
    expect(refused.undone).toBe(false);
    expect(refused.conflicts).toEqual([
      {
        id: `ent-${code}`,
        reason: `name was changed after the import (imported "撤销${tok}物流运输有限公司", now "改名${tok}有限公司")`,
      },
    ]);
    expect(await ours()).toBe(changed);
  });
});
