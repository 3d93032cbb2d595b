import { parse, Kind, type StringValueNode } from 'graphql';
import { loadTypeDefs } from '../../src/graphql';
import { inlineCypherFiles } from '../../src/graphql/inlineCypherFiles';
import { loadCypher } from '../../src/db';

/** The statement argument of the first @cypher directive of an SDL text. */
function firstStatement(sdl: string): string {
  let found: string | undefined;
  const document = parse(sdl);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const cypher = field.directives?.find((d) => d.name.value === 'cypher');
      const statement = cypher?.arguments?.find((a) => a.name.value === 'statement');
      if (statement && found === undefined) found = (statement.value as StringValueNode).value;
    }
  }
  if (found === undefined) throw new Error('no @cypher statement');
  return found;
}

describe('inlineCypherFiles ("#file:" statements in SDL)', () => {
  it('replaces the placeholder with the statement, includes expanded, as a GraphQL string that parses back', () => {
    const sdl = `type Query {
      x(limit: Int = 5): [Int!]! @cypher(statement: "#file:gaps/chainsWithoutLabPartner.cypher", columnName: "c")
    }`;
    const inlined = inlineCypherFiles(sdl);
    expect(inlined).not.toContain('#file:');
    expect(firstStatement(inlined)).toBe(loadCypher('gaps', 'chainsWithoutLabPartner.cypher'));
  });

  it('keeps quotes, backslashes and non-ASCII text of a statement exact', () => {
    const statement = loadCypher('gaps', 'chainsWithoutUniversityPartner.cypher');
    expect(statement).toContain('科技副总');
    const sdl = `type Query { x: Int @cypher(statement: "#file:gaps/chainsWithoutUniversityPartner.cypher", columnName: "c") }`;
    expect(firstStatement(inlineCypherFiles(sdl))).toBe(statement);
  });

  it('only reads files under cypher/: a path leaving it is not a placeholder', () => {
    const sdl = 'type Query { x: Int @cypher(statement: "#file:../package.cypher", columnName: "c") }';
    expect(inlineCypherFiles(sdl)).toBe(sdl);
  });

  it('throws, naming the file, when a placeholder points at no file', () => {
    expect(() => inlineCypherFiles('"#file:gaps/no-such-file.cypher"')).toThrow(/no-such-file\.cypher/);
  });

  it('leaves no placeholder in the SDL that loadTypeDefs hands to @neo4j/graphql', () => {
    expect(loadTypeDefs().join('\n')).not.toMatch(/"#file:[\w-]+(\/[\w-]+)*\.cypher"/);
  });
});
