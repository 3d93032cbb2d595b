// The Cypher tier (no database): the text of every statement under cypher/, as the server sends it, pinned by a
// jest snapshot per file, so that a change to a statement, or to a shared snippet it includes (cypher/shared/), shows
// in review as a change of test/cypher/__snapshots__/files.test.ts.snap. Update deliberately:
// `npx jest --selectProjects cypher -u` (docs/design.md, "Layout").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCypher } from '../../src/db';
import { CYPHER_DIR, cypherFiles, isMigration } from './cypherFiles';

const files = cypherFiles();

describe('cypher/ statements (includes expanded)', () => {
  it('finds the statements', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    // Migrations are pinned raw, as they are applied. Every other file goes through loadCypher, as the server loads
    // it (a shared snippet is pinned on its own too, with its header and its own includes expanded).
    const text = isMigration(file)
      ? readFileSync(path.join(CYPHER_DIR, ...file.parts), 'utf8')
      : loadCypher(...file.parts);
    expect(text).toMatchSnapshot();
  });
});
