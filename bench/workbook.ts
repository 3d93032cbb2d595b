import path from 'node:path';
import ExcelJS from 'exceljs';
import neo4j, { type Driver } from 'neo4j-driver';
import { runAutoCommit } from '../src/db';
import { creditCodeCheckChar } from '../src/domain';

/**
 * A 2025 register of above-scale firms as a bureau sends it (a title row, then the header): `existing` firms of the
 * demo city by credit code with new figures, then `fresh` new firms. Shared by bench/import.ts and
 * bench/aggregates.ts, through {@link cityRegister} (bench/history.ts too).
 */
export async function registerWorkbook(
  file: string,
  existing: { code: string; name: string; county: string }[],
  fresh: number,
) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名录');
  sheet.addRow(['2025年平顶山市规模以上工业企业名录（基准测试）']);
  sheet.mergeCells('A1:J1');
  sheet.addRow([
    '统一社会信用代码',
    '企业名称',
    '所在县区',
    '国民经济行业代码',
    '是否规上',
    '年份',
    '营业收入（万元）',
    '研发费用（万元）',
    '研发人员（人）',
    '有研发机构',
  ]);
  existing.forEach((firm, i) => {
    sheet.addRow([
      firm.code,
      firm.name,
      firm.county,
      'C3412',
      '是',
      2025,
      1000 + i + 0.25,
      50.5,
      10 + (i % 40),
      i % 3 === 0 ? '是' : '否',
    ]);
  });
  for (let i = 0; i < fresh; i += 1) {
    const base = `91410400MB${String(i).padStart(7, '0')}`;
    sheet.addRow([
      `${base}${creditCodeCheckChar(base)}`,
      `基准新建${i}号科技有限公司（示例）`,
      '新华区',
      'C3989',
      '否',
      2025,
      200 + i,
      5,
      3,
      '否',
    ]);
  }
  await wb.xlsx.writeFile(file);
}

/**
 * A `rows`-row register of the city in `driver`'s database, as a bureau sends it: 80 % of the rows are firms of the
 * city by credit code (in id order), the rest new ones. Written to `dir/register-2025.xlsx`; returns the path.
 */
export async function cityRegister(driver: Driver, dir: string, rows: number): Promise<string> {
  const existing = await runAutoCommit(
    driver,
    'neo4j',
    `MATCH (e:Enterprise)-[:LOCATED_IN]->(r:Region) WHERE e.creditCode IS NOT NULL
     RETURN e.creditCode AS code, e.name AS name, r.name AS county ORDER BY e.id LIMIT $n`,
    { n: neo4j.int(Math.round(rows * 0.8)) },
  );
  const file = path.join(dir, 'register-2025.xlsx');
  await registerWorkbook(
    file,
    existing.records.map((r) => ({ code: r.get('code'), name: r.get('name'), county: r.get('county') })),
    rows - existing.records.length,
  );
  return file;
}
