import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { runAutoCommit, toPlain } from '../../src/db';
import { type ImportReport, type ImportRequest, runImport, undoImport, writeTemplate } from '../../src/import';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';
import { csv, deleteImported, newCreditCode, sortedJson, xlsx } from '../support/importFixtures';
import { nextRegionCode } from '../support/regionCodes';

/**
 * The lists about platforms, 科技副总 and projects: rows whose subject is not (only) a firm, written from other
 * nodes (a host's HOSTS, a person's SECONDED_TO, an undertaker's UNDERTAKES), matched, reported and undone like the
 * register. Every expected value follows from the fixture built below.
 */
describe('spreadsheet import of platform, 科技副总 and project lists on a real Neo4j', () => {
  let app: TestApp;
  const tok = randomBytes(2).toString('hex');
  const codeA = nextRegionCode();
  const countyA = `甲${tok}区`;
  const firmCode = newCreditCode();
  const firmName = `鑫达${tok}机械有限公司`;
  const cableName = `华${tok}电缆有限公司`;
  const uniName = `鹰城${tok}理工学院（示例）`;
  const instName = `${tok}材料研究所（示例）`;
  const chainName = `${tok}尼龙产业链（示例）`;
  const platName = `${tok}尼龙材料工程技术研究中心（示例）`;
  const personName = `李${tok}`;
  const projName = `${tok}碳化硅衬底示例研究`;
  const projNo = `${tok}-001`;
  const p = (key: string) => `${app.prefix}${key}`;
  const subject = { actor: `lists-${tok}`, roles: ['editor'], operation: 'import', requestId: null };

  async function load(bytes: Buffer, name: string, options: Partial<ImportRequest>): Promise<ImportReport> {
    return runImport(
      app.driver,
      { database: DATABASE },
      { bytes, fileName: `${app.prefix}${name}`, kind: 'platforms', subject, ...options },
    );
  }
  async function rows<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await runAutoCommit(app.driver, DATABASE, cypher, params);
    return result.records.map((r) => toPlain(r.toObject()) as T);
  }
  /** Everything about this file's nodes (ids with its prefix, names with its token), both ways, sorted. */
  async function ours(): Promise<string> {
    const found = await rows(
      `MATCH (n) WHERE n.id STARTS WITH $prefix OR n.name CONTAINS $tok
       OPTIONAL MATCH (n)-[r]-(x) WHERE type(r) <> 'IMPORTED_IN'
       WITH n, r, x ORDER BY type(r), x.id
       RETURN n.id AS id, properties(n) AS props,
         collect([type(r), startNode(r) = n, x.id, properties(r)]) AS rels
       ORDER BY id`,
      { prefix: app.prefix, tok },
    );
    return sortedJson(found);
  }

  beforeAll(async () => {
    app = await createTestApp();
    await app.write(
      `CREATE (a:Region {id: $p + 'a', code: $codeA, name: $countyA, level: 'DISTRICT', synthetic: true})
       CREATE (f:Enterprise {id: $p + 'firm', name: $firmName, creditCode: $firmCode, aboveScale: true, backbone: false,
         synthetic: true})-[:LOCATED_IN]->(a)
       CREATE (:Enterprise {id: $p + 'cable', name: $cableName, aboveScale: false, backbone: false, synthetic: true})
       CREATE (u:University {id: $p + 'uni', name: $uniName, synthetic: true})
       CREATE (i:ResearchInstitute {id: $p + 'inst', name: $instName, synthetic: true})
       CREATE (c:IndustryChain {id: $p + 'chain', name: $chainName, synthetic: true})
       CREATE (f)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'plat', name: $platName,
         kind: 'ENGINEERING_RESEARCH_CENTER', level: 'MUNICIPAL', approvedYear: 2020, synthetic: true})
       CREATE (:Person {id: $p + 'person', name: $personName, expertise: [], synthetic: true})-[:EMPLOYED_BY]->(u)
       CREATE (f)-[:UNDERTAKES {role: 'LEAD'}]->(:Project {id: $p + 'proj', name: $projName, projectNo: $projNo,
         level: 'MUNICIPAL', year: 2023, status: 'COMPLETED', synthetic: true})`,
      {
        codeA,
        countyA,
        firmName,
        firmCode,
        cableName,
        uniName,
        instName,
        chainName,
        platName,
        personName,
        projName,
        projNo,
      },
    );
  });
  afterAll(async () => {
    await deleteImported(app.driver, app.prefix);
    await app.close();
  });

  it('imports a platform list: matches platforms by name, links hosts and chains, holds a similar name for review', async () => {
    const before = await ours();
    const header = ['序号', '平台名称', '依托单位', '级别', '类型', '批准年份', '服务产业链'];
    const file = await xlsx(
      [
        [`${tok}市研发平台认定名单`],
        header,
        // Row 3: the existing centre written otherwise (a space, half-width brackets); raised to provincial, now serving
        // a chain. (A leading 河南省 or 平顶山市 would make it another platform: for platforms it tells levels apart.)
        [
          1,
          `${tok} 尼龙材料工程技术研究中心(示例)`,
          `河南省${firmName}`,
          '省级',
          '工程技术研究中心',
          '2024年',
          `${tok}尼龙`,
        ],
        // Row 4: a new national key laboratory of the university, co-hosted by the institute (two names in the cell).
        [2, `${tok}碳化硅重点实验室`, `鹰城${tok}理工学院、${instName}`, '国家级', '重点实验室', 2023, null],
        // Row 5: close to the existing centre's name: held for review.
        [3, `${tok}尼龙新材料工程技术研究中心`, cableName, '市级', '工程中心', 2024, null],
        // Row 6: a host the graph lacks; row 7: a kind that is no platform kind.
        [4, `${tok}测试中心`, `不存在${tok}有限公司`, '市级', '工程技术研究中心', 2024, null],
        [5, `${tok}示例博物馆`, cableName, '市级', '博物馆', 2024, null],
      ],
      ['A1:G1'],
    );
    const refused = await load(file, 'platforms.xlsx', {});
    // Nothing applied; the counts say what the valid rows would do (row 5 waits for a person's decision).
    expect(refused).toMatchObject({ applied: false, kind: 'platforms', rows: 5, created: 1, updated: 1 });
    expect(refused.invalid).toEqual([
      {
        row: 6,
        column: '依托单位',
        value: `不存在${tok}有限公司`,
        reason: expect.stringMatching(/^no enterprise, university or institute of this name is in the graph/),
      },
      {
        row: 7,
        column: '类型',
        value: '博物馆',
        reason:
          'not one of 工程技术研究中心、重点实验室、实验室、国际联合实验室、产业研究院、新型研发机构、孵化载体、其他',
      },
    ]);
    expect(refused.review).toEqual([
      {
        row: 5,
        name: `${tok}尼龙新材料工程技术研究中心`,
        candidates: [{ id: p('plat'), name: platName, score: expect.any(Number) }],
      },
    ]);
    expect(await ours()).toBe(before);

    // A person decides: row 5 is another centre. The rest goes in, the two invalid rows stay out.
    const report = await load(file, 'platforms.xlsx', { skipInvalid: true, mapping: new Map([[5, 'new']]) });
    expect(report).toMatchObject({ applied: true, created: 2, updated: 1, unchanged: 0, review: [] });
    const platforms = await rows<{ name: string; kind: string; level: string; year: number; hosts: string[][] }>(
      `MATCH (pl:Platform) WHERE pl.name CONTAINS $tok
       RETURN pl.name AS name, pl.kind AS kind, pl.level AS level, pl.approvedYear AS year,
         [(o)-[h:HOSTS]->(pl) | [o.id, h.role]] AS hosts, [(pl)-[:SERVES]->(c) | c.id] AS chains,
         pl.synthetic AS synthetic, pl.source AS source
       ORDER BY name`,
      { tok },
    );
    // ORDER BY compares code points: 新 (U+65B0) before 材 (U+6750) before 碳 (U+78B3); hosts sorted by id.
    const sorted = platforms.map((x) => ({
      ...x,
      hosts: [...x.hosts].sort((a, b) => String(a).localeCompare(String(b))),
    }));
    expect(sorted).toEqual([
      {
        name: `${tok}尼龙新材料工程技术研究中心`,
        kind: 'ENGINEERING_RESEARCH_CENTER',
        level: 'MUNICIPAL',
        year: 2024,
        hosts: [[p('cable'), 'LEAD']],
        chains: [],
        synthetic: false,
        source: `${app.prefix}platforms.xlsx, row 5`,
      },
      {
        name: `${tok}尼龙材料工程技术研究中心（示例）`,
        kind: 'ENGINEERING_RESEARCH_CENTER',
        level: 'PROVINCIAL',
        year: 2024,
        hosts: [[p('firm'), 'LEAD']],
        chains: [p('chain')],
        synthetic: true,
        source: `${app.prefix}platforms.xlsx, row 3`,
      },
      {
        name: `${tok}碳化硅重点实验室`,
        kind: 'KEY_LABORATORY',
        level: 'NATIONAL',
        year: 2023,
        hosts: [
          [p('inst'), 'CO'],
          [p('uni'), 'LEAD'],
        ],
        chains: [],
        synthetic: false,
        source: `${app.prefix}platforms.xlsx, row 4`,
      },
    ]);
    const undone = await undoImport(app.driver, { database: DATABASE }, report.batchId as string, subject);
    expect(undone).toMatchObject({ undone: true, nodesRemoved: 2, conflicts: [] });
    expect(await ours()).toBe(before);
  });

  it('undoes an older list over the same host, and refuses one whose platform a later list changed', async () => {
    const before = await ours();
    const list = (name: string, level: string, kind: string) =>
      Buffer.from(
        csv([
          ['平台名称', '依托单位', '级别', '类型', '批准年份'],
          [name, uniName, level, kind, 2025],
        ]),
      );
    const fibre = `${tok}碳纤维复合材料中心`;
    const mining = `${tok}智慧矿山装备孵化器`;
    const opts = { dryRun: false };
    const first = await load(list(fibre, '市级', '工程技术研究中心'), 'first.csv', opts);
    const second = await load(list(mining, '市级', '孵化器'), 'second.csv', opts);
    expect([first.created, second.created]).toEqual([1, 1]);
    // The university hosts both: the first list's HOSTS is still as it wrote it, so it can be taken back alone.
    expect(await undoImport(app.driver, { database: DATABASE }, first.batchId as string, subject)).toMatchObject({
      undone: true,
      nodesRemoved: 1,
      relationshipsRemoved: 1,
      conflicts: [],
    });
    // A third list raises the incubator to provincial: undoing the second would lose that, so it is refused.
    const third = await load(list(mining, '省级', '孵化器'), 'third.csv', opts);
    expect(third).toMatchObject({ created: 0, updated: 1 });
    const refused = await undoImport(app.driver, { database: DATABASE }, second.batchId as string, subject);
    expect(refused.undone).toBe(false);
    expect(refused.conflicts.map((c) => c.reason)).toEqual(
      expect.arrayContaining([
        `changed again by import batch ${third.batchId}`,
        'level was changed after the import (imported "MUNICIPAL", now "PROVINCIAL")',
      ]),
    );
    await undoImport(app.driver, { database: DATABASE }, third.batchId as string, subject);
    await undoImport(app.driver, { database: DATABASE }, second.batchId as string, subject);
    expect(await ours()).toBe(before);
  });

  it('imports a 科技副总 list: finds or adds the person at the 派出单位 and seconds them to the firm', async () => {
    const before = await ours();
    const header = ['序号', '姓名', '派出单位', '职称', '服务企业', '所在县区', '批次', '起始年份', '结束年份'];
    const file = Buffer.from(
      csv([
        header,
        // Row 2: the university's researcher, to the firm named with its older legal form.
        [1, personName, `鹰城${tok}理工学院`, '教授', `鑫达${tok}机械有限责任公司`, countyA, '第一批', 2024, 2026],
        // Row 3: a new researcher of the institute; row 4 repeats row 3.
        [2, `王${tok}`, instName, '研究员', cableName, '', '第2批', '2025年', ''],
        [3, `王${tok}`, instName, '研究员', cableName, '', '第2批', '2025年', ''],
        // Rows 5–7: an unknown 派出单位, a firm the graph lacks, a batch that is no number, an end before the start.
        [4, `赵${tok}`, `不存在${tok}大学`, '', firmName, '', 1, 2024, ''],
        [5, `赵${tok}`, `鹰城${tok}理工学院`, '', `未登记${tok}科技有限公司`, '', 1, 2024, ''],
        [6, `钱${tok}`, `鹰城${tok}理工学院`, '', firmName, '', '第零批', 2024, ''],
        [7, `孙${tok}`, `鹰城${tok}理工学院`, '', firmName, '', 1, 2024, 2022],
      ]),
    );
    const report = await load(file, 'deputies.csv', { kind: 'deputies', skipInvalid: true });
    expect(report).toMatchObject({ applied: true, rows: 7, created: 0, updated: 2, unchanged: 0 });
    expect(report.duplicates).toEqual([{ row: 4, sameAs: 3 }]);
    expect(report.invalid.map((i) => [i.row, i.column])).toEqual([
      [5, '派出单位'],
      [6, '服务企业'],
      [7, '批次'],
      [8, '结束年份'],
    ]);
    expect(report.invalid[1]?.reason).toBe(
      'no enterprise of this name is in the graph; give its 统一社会信用代码 to create it',
    );
    const secondments = await rows(
      `MATCH (pe:Person)-[s:SECONDED_TO]->(e:Enterprise) WHERE pe.name CONTAINS $tok
       RETURN pe.name AS name, pe.title AS title, [(pe)-[:EMPLOYED_BY]->(o) | o.id] AS employers, e.id AS firm,
         s.programme AS programme, s.batch AS batch, s.fromYear AS fromYear, s.toYear AS toYear, pe.synthetic AS synthetic
       ORDER BY name`,
      { tok },
    );
    expect(secondments).toEqual([
      {
        name: personName,
        title: '教授',
        employers: [p('uni')],
        firm: p('firm'),
        programme: '科技副总',
        batch: 1,
        fromYear: 2024,
        toYear: 2026,
        synthetic: true,
      },
      {
        name: `王${tok}`,
        title: '研究员',
        employers: [p('inst')],
        firm: p('cable'),
        programme: '科技副总',
        batch: 2,
        fromYear: 2025,
        toYear: null,
        synthetic: false,
      },
    ]);
    // The same list again changes nothing, and finds the person it added instead of adding another.
    const again = await load(file, 'deputies-again.csv', { kind: 'deputies', skipInvalid: true });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await rows('MATCH (pe:Person) WHERE pe.name = $name RETURN pe.id', { name: `王${tok}` })).toHaveLength(1);
    await undoImport(app.driver, { database: DATABASE }, again.batchId as string, subject);
    const undone = await undoImport(app.driver, { database: DATABASE }, report.batchId as string, subject);
    expect(undone).toMatchObject({ undone: true, nodesRemoved: 1, conflicts: [] });
    expect(await ours()).toBe(before);
  });

  it('imports a project list: by number, then name; lead and participants, 万元 funding, status of a new project', async () => {
    const before = await ours();
    const header = [
      '项目名称',
      '项目编号',
      '级别',
      '承担单位',
      '参与单位',
      '立项年份',
      '资助金额（万元）',
      '所属产业链',
    ];
    const file = Buffer.from(
      csv([
        [`${tok}年度科技计划项目立项名单`],
        header,
        // Row 3: the existing project by its number (its name written otherwise), with two participants.
        [`${projName}（一期）`, projNo, '省级', firmName, `鹰城${tok}理工学院、${tok}材料研究所`, 2023, '12.5', ''],
        // Row 4: a new project without a number; row 5: a new one whose number has a slash.
        [`${tok}储能示例项目`, '', '市级', `鹰城${tok}理工学院`, '', 2024, '', `${tok}尼龙产业链`],
        [`${tok}线缆示例项目`, `${tok}/002`, '国家级', cableName, '', 2024, '30', ''],
        // Row 6: a participant that is the lead; row 7: row 5's number on another name; row 8: a negative amount.
        [`${tok}重复单位项目`, '', '市级', cableName, cableName, 2024, '', ''],
        [`${tok}另一个项目`, `${tok}/002`, '国家级', cableName, '', 2024, '30', ''],
        [`${tok}负数项目`, '', '市级', cableName, '', 2024, '-5', ''],
        // Row 9: the existing project's number on an unrelated title: a 项目编号 is unique within a programme only,
        // so a person decides.
        [`${tok}风马牛示例课题`, projNo, '市级', cableName, '', 2024, '', ''],
        // Rows 10 and 11: one new project, with its number and again without: created once, and the rows disagree.
        [`${tok}同名示例项目`, `${tok}-003`, '市级', cableName, '', 2024, '', ''],
        [`${tok}同名示例项目`, '', '市级', cableName, '', 2024, '', ''],
      ]),
    );
    const report = await load(file, 'projects.csv', { kind: 'projects', skipInvalid: true });
    expect(report).toMatchObject({ applied: true, rows: 9, created: 3, updated: 1 });
    expect(report.review).toEqual([
      {
        row: 9,
        name: `${tok}风马牛示例课题`,
        candidates: [{ id: p('proj'), name: projName, score: expect.any(Number) }],
      },
    ]);
    expect(report.invalid.map((i) => [i.row, i.column])).toEqual([
      [6, '参与单位'],
      [7, null],
      [8, '资助金额（万元）'],
      [11, null],
    ]);
    expect(report.invalid[3]?.reason).toBe('the same project as row 10, with other values in 项目编号');
    expect(report.invalid[1]?.reason).toBe('the same project as row 5, with other values in 项目名称');
    const projects = await rows(
      `MATCH (pr:Project) WHERE pr.name CONTAINS $tok
       RETURN pr.name AS name, pr.projectNo AS no, pr.level AS level, pr.year AS year, pr.funding AS funding,
         pr.status AS status, [(o)-[u:UNDERTAKES]->(pr) | [o.id, u.role]] AS undertakers,
         [(pr)-[:ADDRESSES]->(c) | c.id] AS chains
       ORDER BY name`,
      { tok },
    );
    const byRole = (list: unknown) => [...(list as string[][])].sort((a, b) => String(a).localeCompare(String(b)));
    expect(projects.map((x) => ({ ...x, undertakers: byRole(x.undertakers) }))).toEqual([
      {
        name: `${tok}储能示例项目`,
        no: null,
        level: 'MUNICIPAL',
        year: 2024,
        funding: null,
        status: 'APPROVED',
        undertakers: [[p('uni'), 'LEAD']],
        chains: [p('chain')],
      },
      {
        name: `${tok}同名示例项目`,
        no: `${tok}-003`,
        level: 'MUNICIPAL',
        year: 2024,
        funding: null,
        status: 'APPROVED',
        undertakers: [[p('cable'), 'LEAD']],
        chains: [],
      },
      {
        name: `${tok}碳化硅衬底示例研究`,
        no: projNo,
        level: 'PROVINCIAL',
        year: 2023,
        funding: 125000,
        status: 'COMPLETED',
        undertakers: byRole([
          [p('firm'), 'LEAD'],
          [p('inst'), 'PARTICIPANT'],
          [p('uni'), 'PARTICIPANT'],
        ]),
        chains: [],
      },
      {
        name: `${tok}线缆示例项目`,
        no: `${tok}/002`,
        level: 'NATIONAL',
        year: 2024,
        funding: 300000,
        status: 'FUNDED',
        undertakers: [[p('cable'), 'LEAD']],
        chains: [],
      },
    ]);
    const undone = await undoImport(app.driver, { database: DATABASE }, report.batchId as string, subject);
    expect(undone).toMatchObject({ undone: true, nodesRemoved: 3, conflicts: [] });
    expect(await ours()).toBe(before);
  });

  it('writes templates of the lists with their choices as Excel validation', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTemplate('platforms')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '平台名称*',
      '依托单位*',
      '级别*',
      '类型*',
      '批准年份*',
      '服务产业链',
    ]);
    expect(sheet.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"国家级,省级,市级"'] });
  });
});
