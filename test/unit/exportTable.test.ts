import ExcelJS from 'exceljs';
import { type Table, toCsv, toXlsx } from '../../src/export';

const TABLE: Table = {
  name: 'list',
  columns: [
    { header: '企业名称', kind: 'text' },
    { header: '营业收入（万元）', kind: 'wanYuan' },
  ],
  rows: [
    ['=HYPERLINK("http://evil.example","点我")', 12.5],
    ['+1+1', -3],
    ['@SUM(A1)', null],
    ['平顶山, "示例"', 0],
  ],
  notes: [],
};

describe('export tables (no database)', () => {
  it('writes CSV as UTF-8 with a BOM, quoting where needed, with text that would be a formula kept as text', () => {
    const text = toCsv(TABLE).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFF企业名称,营业收入（万元）',
      `"'=HYPERLINK(""http://evil.example"",""点我"")",12.5`,
      "'+1+1,-3",
      "'@SUM(A1),",
      '"平顶山, ""示例""",0',
      '',
    ]);
  });

  it('stores text as text and numbers as numbers in the workbook, never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(TABLE)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(sheet.getCell('B2').value).toBe(12.5);
    expect(sheet.getCell('B3').value).toBe(-3);
  });
});
