import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/paths';
import { GENERATED_SCHEMA } from '../../src/cli/schemaPrint';
import { breakingChanges, lastReleasedSchema, unannounced, unreleasedNotes } from '../../src/cli/schemaBreaking';

describe('breaking changes of the API against the last release (npm run schema:breaking)', () => {
  it('finds a removed field and a changed type by their coordinates, and sees which notes name them', () => {
    const before = 'type Query { a: String b(x: [String!]): Int c: Int }';
    const after = 'enum E { V } type Query { a: E b(x: [E!]): Int d: Int }';
    const changes = breakingChanges(before, after);
    expect(changes.map((c) => c.coordinate).sort()).toEqual(['Query.a', 'Query.b', 'Query.c']);
    const notes = unreleasedNotes(
      '# Changelog\n\n## Unreleased\n\n- `Query.a` is an E; `Query.cc` is new\n\n## 0.1.0\n\n- Query.b, Query.c\n',
    );
    // Query.b and Query.c are named under an older release only, and Query.cc is not Query.c.
    expect(
      unannounced(changes, notes)
        .map((c) => c.coordinate)
        .sort(),
    ).toEqual(['Query.b', 'Query.c']);
  });

  it("names every breaking change since the last release in the CHANGELOG's Unreleased section", () => {
    const released = lastReleasedSchema();
    const changes = breakingChanges(
      readFileSync(released.file, 'utf8'),
      readFileSync(fromRoot(GENERATED_SCHEMA), 'utf8'),
    );
    const notes = unreleasedNotes(readFileSync(fromRoot('CHANGELOG.md'), 'utf8'));
    expect(unannounced(changes, notes).map((c) => c.description)).toEqual([]);
  });
});
