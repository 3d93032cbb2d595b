import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fromRoot } from '../../src/paths';

/** A path of this repository named in a comment or a document: `src/db/driver.ts`, `cypher/gaps/x.cypher`, … */
const MENTION =
  /(?<![\w/.-])(?:src|cypher|schema|docs|seed|bench|test|tools|public|client)\/[\w./-]+\.(?:ts|cypher|graphql|md|js|json|cjs|html|css)\b/g;

/** The files a reader follows pointers in: the code, the statements, the schema and the documents. */
function readFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: fromRoot(), encoding: 'utf8' });
  return listed
    .split('\n')
    .filter((f) => /^(src|cypher|schema|docs|seed|bench|tools|public|client)\/|^README\.md$/.test(f))
    .filter((f) => /\.(ts|cypher|graphql|md|js|cjs)$/.test(f) && !f.startsWith('public/vendor/'))
    .filter((f) => existsSync(fromRoot(f)));
}

describe('paths named in code comments and documents', () => {
  it('every src/, cypher/, schema/, docs/ … path a file names exists (a renamed file leaves no stale pointer)', () => {
    const files = readFiles();
    expect(files.length).toBeGreaterThan(100);
    const missing = files.flatMap((file) =>
      [...readFileSync(fromRoot(file), 'utf8').matchAll(MENTION)]
        .map((m) => m[0].replace(/\.$/, ''))
        // Written by a run (bench results) or by jest (snapshots): named before they exist.
        .filter((p) => !p.startsWith('bench/results/') && !p.includes('__snapshots__'))
        .filter((p) => !existsSync(fromRoot(p)))
        .map((p) => `${file}: ${p}`),
    );
    expect(missing).toEqual([]);
  });
});
