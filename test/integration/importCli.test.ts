import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAutoCommit } from '../../src/db';
import { fromRoot } from '../../src/paths';
import { createTestApp, DATABASE, testNeo4jEnv, type TestApp } from '../support/testApp';
import { csv, deleteImported, newCreditCode } from '../support/importFixtures';
import { nextRegionCode } from '../support/regionCodes';

const run = promisify(execFile);

/** `npm run import -- …` against the test Neo4j: its exit code and output. */
async function importCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('src', 'cli', 'import.ts'), ...args],
      { cwd: fromRoot(), env: { ...process.env, ...testNeo4jEnv(), LOG_LEVEL: 'silent' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run import: exit codes, the report file, the audit actor, and undo', () => {
  let app: TestApp;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-import-cli-'));
  const tok = randomBytes(2).toString('hex');
  const county = `己${tok}区`;
  const file = (name: string, rows: unknown[][]) => {
    const at = path.join(dir, `${app.prefix}${name}`);
    writeFileSync(at, csv(rows));
    return at;
  };
  const HEADER = ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '营业收入（万元）'];

  beforeAll(async () => {
    app = await createTestApp();
    await app.write(
      `CREATE (:Region {id: $p + 'county', code: $code, name: $county, level: 'DISTRICT', synthetic: true})`,
      {
        code: nextRegionCode(),
        county,
      },
    );
  });
  afterAll(async () => {
    await deleteImported(app.driver, app.prefix);
    await app.close();
  });

  it('exits 0 when every row is applied, 1 when a row keeps the file out, 2 for a file it cannot read', async () => {
    const code = newCreditCode();
    const good = file('good.csv', [HEADER, [code, `命令${tok}传感器有限公司`, county, '是', 2024, '12.5']]);
    const reportFile = path.join(dir, 'report.json');
    const applied = await importCli([good, '--kind', 'enterprises', '--report', reportFile, '--actor', `cli-${tok}`]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('1 created, 0 updated, 0 unchanged: written');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      batchId: string;
      created: number;
      applied: boolean;
    };
    expect(report).toMatchObject({ applied: true, created: 1 });
    const [batch] = (
      await runAutoCommit(app.driver, DATABASE, 'MATCH (b:ImportBatch {id: $id}) RETURN b.actor AS actor', {
        id: report.batchId,
      })
    ).records;
    expect(batch?.get('actor')).toBe(`cli-${tok}`);

    const bad = file('bad.csv', [HEADER, [code.slice(0, 17), `命令${tok}传感器有限公司`, county, '是', 2024, '12.5']]);
    const refused = await importCli([bad, '--kind', 'enterprises']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('row 2, 统一社会信用代码');
    expect(refused.stdout).toContain('nothing was written');

    const old = path.join(dir, 'old.xls');
    writeFileSync(old, 'not a workbook');
    const unreadable = await importCli([old, '--kind', 'enterprises']);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('save it as .xlsx');

    const undone = await importCli(['--undo', report.batchId, '--actor', `cli-${tok}`]);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain(`import batch ${report.batchId} undone: 2 nodes removed`);
    const again = await importCli(['--undo', report.batchId]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('was undone already');
  }, 120_000);
});
