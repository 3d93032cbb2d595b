import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../../src/paths';

/**
 * The layer and folder-surface rules (.dependency-cruiser.cjs, run by `npm run lint`) on a small tree written here:
 * they must pass a tree that keeps them and name the rule a deliberate violation breaks.
 */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-layers-'));
  try {
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true } }));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const result = spawnSync(
      process.execPath,
      [
        fromRoot('node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
        'src',
        '--config',
        fromRoot('.dependency-cruiser.cjs'),
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A tree that keeps the rules: db below queries, each folder reached through its index. */
const CLEAN = {
  'src/db/index.ts': "export { driver } from './driver';\n",
  'src/db/driver.ts': 'export const driver = 1;\n',
  'src/queries/index.ts': "import { driver } from '../db';\nexport const query = driver;\n",
  'src/graphql/index.ts': "import { query } from '../queries';\nexport const schema = query;\n",
};

describe('layers and folder surfaces (dependency-cruiser)', () => {
  it('a tree that keeps the rules passes', () => {
    const { status, output } = cruise(CLEAN);
    expect([status, output]).toEqual([0, expect.stringContaining('no dependency violations found')]);
  });

  it('a lower layer importing a higher one fails, naming the layer rule', () => {
    const { status, output } = cruise({
      ...CLEAN,
      'src/db/driver.ts': "import { schema } from '../graphql';\nexport const driver = schema;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('layer-db: src/db/driver.ts → src/graphql/index.ts');
  });

  it('reaching past a folder index fails, naming the surface rule', () => {
    const { status, output } = cruise({
      ...CLEAN,
      'src/queries/index.ts': "import { driver } from '../db/driver';\nexport const query = driver;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('folder-surface: src/queries/index.ts → src/db/driver.ts');
  });

  it('two folders of one layer importing each other fail', () => {
    const { status, output } = cruise({
      ...CLEAN,
      'src/export/index.ts': "import { rows } from '../import';\nexport const table = rows;\n",
      'src/import/index.ts': 'export const rows = 1;\n',
    });
    expect(status).not.toBe(0);
    expect(output).toContain('layer-work-siblings: src/export/index.ts → src/import/index.ts');
  });
});
