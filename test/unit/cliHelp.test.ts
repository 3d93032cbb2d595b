import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fromRoot } from '../../src/paths';

const run = promisify(execFile);

/** Runs a CLI of src/cli through tsx, as `npm run …` does; no database is reached with --help or a usage error. */
async function cli(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('src', 'cli', file), ...args],
      { cwd: fromRoot(), env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('every CLI: --help prints its usage and exits 0; a bad option is a usage error, exit 2', () => {
  it.each([
    ['seed.ts', /^usage: npm run seed/],
    ['review.ts', /^usage: npm run review/],
    ['token.ts', /^usage: npm run token/],
    ['db.ts', /^usage: npm run db:<command>/],
    ['import.ts', /^usage: npm run import -- FILE --kind KIND/],
    ['export.ts', /^usage: npm run export -- \(--gap NAME \| --review\)/],
    ['report.ts', /^usage: npm run report -- --year YYYY/],
  ])(
    '%s --help',
    async (file, usage) => {
      const { code, stdout } = await cli(file, file === 'db.ts' ? ['status', '--help'] : ['--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(usage);
    },
    30_000,
  );

  it.each([
    ['seed.ts', ['--scale', 'ten'], /--scale must be a whole number/],
    ['seed.ts', ['--colour'], /Unknown option '--colour'/],
    ['review.ts', ['--year', '24'], /--year must be a 4-digit year/],
    ['review.ts', ['--format', 'xml', '--year', '2024'], /--format must be one of json, csv, md/],
    ['token.ts', ['--role', 'boss'], /--role boss is not a role/],
    ['db.ts', ['explode'], /unknown command 'explode'/],
    [
      'import.ts',
      ['firms.xlsx'],
      /--kind is required: one of enterprises, qualifications, platforms, deputies, projects, cooperations/,
    ],
    ['import.ts', ['firms.xlsx', '--kind', 'enterprises', '--year', '24'], /--year must be a 4-digit year/],
    ['import.ts', ['--template', 'patents', '--out', 'x.xlsx'], /--kind must be one of enterprises, .*; got "patents"/],
    ['import.ts', ['a.csv', '--undo', 'batch-1'], /give a FILE to import, or --undo BATCH_ID, or --template KIND/],
    ['export.ts', ['--out', 'x.xlsx'], /give --gap NAME or --review/],
    ['export.ts', ['--review', '--out', 'x.xlsx'], /--review needs --year/],
    ['export.ts', ['--gap', 'x', '--format', 'pdf', '--out', 'x'], /--format must be xlsx or csv/],
    ['report.ts', ['--out', 'r.docx'], /--year must be a 4-digit year, got nothing/],
    ['report.ts', ['--year', '2024'], /--out FILE.docx is required/],
    ['report.ts', ['--year', '2024', '--out', 'r.pdf'], /--out must name a Word document ending in .docx, got 'r.pdf'/],
  ])(
    '%s %j',
    async (file, args, message) => {
      const { code, stderr } = await cli(file, args);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    },
    30_000,
  );
});

describe('npm run report: --out', () => {
  it('is taken from the folder the command was run in (INIT_CWD, which npm sets), not the project root', async () => {
    const { parseReportArgs } = await import('../../src/cli/report');
    expect(parseReportArgs(['--year', '2024', '--out', 'r.docx'], '/home/planner/reports').out).toBe(
      '/home/planner/reports/r.docx',
    );
    expect(parseReportArgs(['--year', '2024', '--out', '/tmp/x/r.DOCX'], '/home/planner').out).toBe('/tmp/x/r.DOCX');
  });
});
