import { columnOf, findHeaderRow, normalizeHeader } from '../../src/import/read/headers';
import { KINDS } from '../../src/import/kinds';
import { normalizeName, REVIEW_THRESHOLD, SimilarNames, similarity } from '../../src/import/match/names';
import { decodeCsv, FileError, readTable } from '../../src/import/read/readTable';
import {
  parseBatch,
  parseBoolean,
  parseChoice,
  parseCounty,
  parseDate,
  parseList,
  parseQualification,
  parseWanYuan,
  parseYear,
  type ValueContext,
} from '../../src/import/read/values';
import iconv from 'iconv-lite';

const value = (parsed: { ok: boolean; value?: unknown; reason?: string }) => (parsed.ok ? parsed.value : parsed.reason);

describe('import: reading cells as the reference lists them (no database)', () => {
  it.each([
    ['12.5', 125_000n],
    ['12345.67', 123_456_700n],
    [' 1,234.5 ', 12_345_000n],
    ['0.0001', 1n],
    ['１２.５', 125_000n],
    [12345.67, 123_456_700n],
    [0.1, 1_000n],
    ['3.10000', 31_000n],
  ])('万元 %j is %s yuan exactly', (cell, yuan) => {
    expect(parseWanYuan(cell)).toEqual({ ok: true, value: yuan });
  });

  it.each([
    ['1.23456', 'more than 4 decimals in 万元 is a fraction of a yuan'],
    ['-5', 'an amount cannot be negative'],
    ['十万', 'not an amount in 万元 (write digits, e.g. 12345.67)'],
    ['99999999999999999', 'the amount is too large'],
  ])('万元 %j is refused: %s', (cell, reason) => {
    expect(parseWanYuan(cell)).toEqual({ ok: false, reason });
  });

  it.each([
    ['是', true],
    ['否', false],
    ['有', true],
    ['无', false],
    ['√', true],
    [null, false],
    ['  ', false],
    ['Y', true],
    ['n', false],
    ['1', true],
    ['0', false],
    [1, true],
    [true, true],
  ])('boolean %j is %s', (cell, expected) => {
    expect(parseBoolean(cell)).toEqual({ ok: true, value: expected });
  });

  it('refuses a boolean it cannot read, saying what it accepts', () => {
    expect(value(parseBoolean('可能'))).toBe('not a yes/no value (write 是/否, 有/无, √, Y/N or 1/0)');
  });

  it.each([
    ['2024', '2024-01-01'],
    ['2024年', '2024-01-01'],
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.3.1', '2024-03-01'],
    ['2024年3月', '2024-03-01'],
    ['2024年3月15日', '2024-03-15'],
    [new Date(Date.UTC(2024, 2, 1)), '2024-03-01'],
    // Excel's serial 45352 is 2024-03-01 (day 1 = 1900-01-01, with Excel's phantom 1900-02-29).
    [45352, '2024-03-01'],
    [2024, '2024-01-01'],
  ])('date %j is %s', (cell, iso) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['2024-02-30', 'not a date of the calendar'],
    ['1800-01-01', 'the year must be between 1949 and 2100'],
    ['三月', 'not a date (write 2024-03-01, 2024/3/1, 2024年3月1日, 2024年3月 or 2024)'],
  ])('date %j is refused: %s', (cell, reason) => {
    expect(parseDate(cell)).toEqual({ ok: false, reason });
  });

  it.each([
    ['2024', 2024],
    ['2024年', 2024],
    ['2024年度', 2024],
    [2024, 2024],
    ['2024-06-30', 2024],
  ])('year %j is %s', (cell, year) => {
    expect(parseYear(cell)).toEqual({ ok: true, value: year });
  });

  it('refuses a year outside 1949–2100', () => {
    expect(value(parseYear(2101))).toBe('a year must be between 1949 and 2100');
    expect(value(parseYear('1900'))).toBe('a year must be between 1949 and 2100');
  });

  const context: ValueContext = {
    counties: [
      { code: '410400', name: '平顶山市' },
      { code: '410402', name: '新华区' },
      { code: '410425', name: '郏县' },
      { code: '410481', name: '舞钢市' },
      { code: '410471', name: '高新区' },
    ],
    cityPrefixes: ['平顶山市', '平顶山'],
  };

  it.each([
    ['新华区', '410402'],
    ['平顶山市新华区', '410402'],
    ['河南省平顶山市郏县', '410425'],
    ['舞钢市', '410481'],
    ['高新区', '410471'],
    ['410402', '410402'],
    [' 新华 ', '410402'],
  ])('county %j is %s', (cell, code) => {
    expect(parseCounty(cell, context)).toEqual({ ok: true, value: code });
  });

  it('refuses an unknown county or code, naming the counties it knows', () => {
    expect(value(parseCounty('朝阳区', context))).toBe(
      'not a county of the city (one of 平顶山市、新华区、郏县、舞钢市、高新区, or its 6-digit code)',
    );
    expect(value(parseCounty('110105', context))).toBe('no region has the code 110105');
  });

  it('reads qualifications by code or Chinese name', () => {
    expect(value(parseQualification('高新技术企业'))).toBe('HIGH_TECH');
    expect(value(parseQualification('tech_sme'))).toBe('TECH_SME');
    expect(value(parseQualification('瞪羚'))).toBe('GAZELLE');
  });

  it.each([
    [2, 2],
    ['2', 2],
    ['第2批', 2],
    ['第 3 批次', 3],
    ['第二批', 2],
    ['二', 2],
    ['十', 10],
    ['第十二批', 12],
    ['二十', 20],
    ['九十九', 99],
  ])('reads the batch %j as %d', (cell, expected) => {
    expect(value(parseBatch(cell))).toBe(expected);
  });

  it.each(['0', '第零批', '二二', '十十', '一百', '-1', '2.5', '甲'])('refuses the batch %j', (cell) => {
    expect(value(parseBatch(cell))).toBe('not a batch number (2, 第2批 or 第二批)');
  });

  it("reads a platform's level and kind by any of their texts or by the value, and names the texts it knows", () => {
    const levels = KINDS.platforms.columns.find((c) => c.key === 'level')?.choices ?? [];
    const kinds = KINDS.platforms.columns.find((c) => c.key === 'kind')?.choices ?? [];
    expect(['国家级', '国家', '省 级', '省部级', '市', 'municipal'].map((t) => value(parseChoice(t, levels)))).toEqual([
      'NATIONAL',
      'NATIONAL',
      'PROVINCIAL',
      'PROVINCIAL',
      'MUNICIPAL',
      'MUNICIPAL',
    ]);
    expect(value(parseChoice('区级', levels))).toBe('not one of 国家级、省级、市级');
    expect(
      ['工程中心', '重点实验室', '实验室', '众创空间', '新型研发机构'].map((t) => value(parseChoice(t, kinds))),
    ).toEqual(['ENGINEERING_RESEARCH_CENTER', 'KEY_LABORATORY', 'LABORATORY', 'INCUBATOR', 'NEW_RD_INSTITUTION']);
  });

  it('reads the names of one cell separated as lists write them', () => {
    expect(value(parseList('甲大学、乙研究所;丙公司；丁学院,戊厂，己中心\n庚院'))).toEqual([
      '甲大学',
      '乙研究所',
      '丙公司',
      '丁学院',
      '戊厂',
      '己中心',
      '庚院',
    ]);
    expect(value(parseList(' 、 ;'))).toBeNull();
  });
});

describe('import: headers and names (no database)', () => {
  it('normalizes headers: spaces, line breaks, full-width brackets', () => {
    expect(normalizeHeader('营业收入 （万元）')).toBe('营业收入万元');
    expect(normalizeHeader('统一社会信用代码\n（18位）')).toBe('统一社会信用代码18位');
  });

  it('matches a header with its unit, a note in brackets, or its English name; never another unit', () => {
    const kind = KINDS.enterprises;
    expect(columnOf(kind, '营业收入 （万元）')?.key).toBe('revenue');
    expect(columnOf(kind, '统一社会信用代码\n（18位）')?.key).toBe('creditCode');
    expect(columnOf(kind, 'Credit Code')?.key).toBe('creditCode');
    expect(columnOf(kind, '营业收入（元）')).toBeNull();
  });

  it('finds the header row below title rows', () => {
    const rows = [
      ['2024年平顶山市规上企业名录', '', ''],
      ['', '', ''],
      ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '备注'],
    ];
    const found = findHeaderRow(KINDS.enterprises, rows);
    expect(found?.rowIndex).toBe(2);
    expect(found?.ignored).toEqual(['备注']);
    expect(findHeaderRow(KINDS.enterprises, rows.slice(0, 2))).toBeNull();
  });

  it('normalizes names as the reference says', () => {
    expect(normalizeName('平顶山市鑫达机械有限责任公司（示例）')).toBe('鑫达机械有限公司');
    expect(normalizeName('河南省 鑫达机械(平顶山)有限公司')).toBe('鑫达机械(平顶山)有限公司');
    expect(normalizeName('鑫达机械【平顶山】有限公司')).toBe('鑫达机械(平顶山)有限公司');
  });

  it('scores names without their legal form, and proposes only those at or above the threshold', () => {
    expect(similarity('鑫达机械有限公司', '鑫达机械制造有限公司')).toBeCloseTo(4 / 6);
    expect(similarity('鑫达机械有限公司', '华威机械有限公司')).toBe(0.5);
    expect(similarity('鑫达机械有限公司', '鑫达机械制造有限公司')).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    expect(similarity('鑫达机械有限公司', '华威机械有限公司')).toBeLessThan(REVIEW_THRESHOLD);
  });
});

describe('import: the index of similar names (no database)', () => {
  it('finds exactly the names a comparison with every name finds, with the same scores', () => {
    const words = ['鑫达', '华威', '宏达', '天成', '嘉诚', '金源', '聚力', '新锐'];
    const firms = Array.from({ length: 400 }, (_, i) => ({
      normalized: normalizeName(`${words[i % 8]}${words[(i >> 3) % 8]}${i % 7}机械有限公司`),
    }));
    const index = new SimilarNames(firms);
    const names = [
      ...firms.slice(0, 40).map((f) => f.normalized.replace('机', '器')),
      ...words.map((w) => `${w}新材料有限公司`),
      '全然不同的名字有限公司',
      '鑫达华威0机械制造有限公司',
    ];
    for (const name of names) {
      const expected = firms
        .map((item) => ({ item, score: similarity(name, item.normalized) }))
        .filter((c) => c.score >= REVIEW_THRESHOLD);
      const found = index.similarTo(name);
      expect(new Set(found.map((c) => c.item))).toEqual(new Set(expected.map((c) => c.item)));
      for (const c of found) expect(c.score).toBe(similarity(name, c.item.normalized));
    }
  });
});

describe('import: CSV encodings (no database)', () => {
  const text = '企业名称,所在县区\n平顶山市鑫达机械有限公司,郏县\n';

  it('decodes UTF-8 with and without a BOM, and GBK as Excel saves it', () => {
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8 with BOM',
    });
    expect(decodeCsv(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
  });
});

describe('import: files that would take the process down (no database)', () => {
  it('refuses an .xlsx that inflates past the bound before exceljs reads it', async () => {
    // A zip whose one part is 300 MB of zeros: about 300 kB compressed.
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(300 * 1_048_576));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(2_000_000);
    const read = readTable(bomb, 'bomb.xlsx');
    await expect(read).rejects.toBeInstanceOf(FileError);
    await expect(read).rejects.toThrow('the .xlsx file cannot be read safely: it inflates to more than 128 MB');
  }, 60_000);
});
