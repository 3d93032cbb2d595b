import { readdirSync, readFileSync } from 'node:fs';
import { expandIncludes, loadCypher } from '../../src/db';
import { fromRoot } from '../../src/paths';

/** An in-memory cypher/ folder for expandIncludes. */
function reader(files: Record<string, string>): (name: string) => string {
  return (name) => {
    const text = files[name];
    if (text === undefined) throw new Error(`no file cypher/${name}.cypher`);
    return text;
  };
}

describe('expandIncludes (// #include of cypher/shared definitions)', () => {
  it('replaces an include line with the snippet, without its header, indented like the directive', () => {
    const read = reader({ 'shared/a': '// header of a\n// more header\nEXISTS { (e)-->() }\n  OR true\n' });
    expect(expandIncludes('MATCH (e)\nWHERE NOT\n  // #include shared/a\nRETURN e', read)).toBe(
      'MATCH (e)\nWHERE NOT\n  EXISTS { (e)-->() }\n    OR true\nRETURN e',
    );
  });

  it('expands nested includes, also one that opens a snippet right after its header', () => {
    const read = reader({
      'shared/outer': '// outer header\n// #include shared/inner\nWITH x\n',
      'shared/inner': '// inner header\nMATCH (x)\n',
    });
    expect(expandIncludes('// #include shared/outer\nRETURN x', read)).toBe('MATCH (x)\nWITH x\nRETURN x');
  });

  it('accepts the .cypher suffix and leaves other comments alone', () => {
    const read = reader({ 'shared/a': 'true' });
    expect(expandIncludes('// a comment\n// #include shared/a.cypher', read)).toBe('// a comment\ntrue');
    expect(expandIncludes('RETURN 1 // #include shared/a', read)).toBe('RETURN 1 // #include shared/a');
  });

  it('throws on a cycle, naming the chain of files', () => {
    const read = reader({ 'shared/a': '// #include shared/b', 'shared/b': '// #include shared/a' });
    expect(() => expandIncludes('// #include shared/a', read, 'gaps/x')).toThrow(
      '#include cycle: gaps/x -> shared/a -> shared/b -> shared/a',
    );
  });

  it('throws on a missing include, naming the including file and the include', () => {
    expect(() => expandIncludes('// #include shared/none', reader({}), 'gaps/x.cypher')).toThrow(
      /gaps\/x\.cypher: cannot #include shared\/none/,
    );
  });

  it('is applied by loadCypher: no statement keeps an include line', () => {
    const text = loadCypher('gaps', 'chainsWithoutLabPartner.cypher');
    expect(text).not.toMatch(/#include/);
    expect(text).toContain("lab.kind IN ['LABORATORY', 'KEY_LABORATORY', 'INTERNATIONAL_JOINT_LAB']");
    expect(text).toContain('(e)-[:LEADS_CHAIN]->(chain:IndustryChain)'); // shared/chainsOfEnterprise, included by labPartnerChains
  });
});

describe('the shared definitions are written once', () => {
  const statements = ['gaps', 'metrics'].flatMap((dir) =>
    readdirSync(fromRoot('cypher', dir))
      .filter((f) => f.endsWith('.cypher'))
      .map((f) => [dir, f] as const),
  );

  it.each(statements)('cypher/%s/%s spells no shared definition out itself', (dir, file) => {
    const raw = readFileSync(fromRoot('cypher', dir, file), 'utf8');
    // The clauses of "a chain's enterprises" and "has a consortium" live in cypher/shared/ only.
    expect(raw).not.toMatch(/\[:LEADS_CHAIN\]->\(:IndustryChain \{id: \$chainId\}\)/);
    expect(raw).not.toMatch(/\[:LEADS\|MEMBER_OF\]->\(:Consortium\)/);
    expect(raw).not.toMatch(/'INTERNATIONAL_JOINT_LAB'/);
  });

  it.each(readdirSync(fromRoot('cypher', 'gaps')).filter((f) => f.endsWith('.cypher')))(
    'cypher/gaps/%s opens with a header naming its parameters and columns',
    (file) => {
      const header = loadCypher('gaps', file)
        .split('\n')
        .filter((line) => line.startsWith('//'));
      expect(header.some((line) => line.startsWith('// Parameters: '))).toBe(true);
      expect(header.some((line) => line.startsWith('// Columns: '))).toBe(true);
    },
  );

  it.each(readdirSync(fromRoot('cypher', 'shared')).filter((f) => f.endsWith('.cypher')))(
    'cypher/shared/%s says what it expects or binds',
    (file) => {
      const text = readFileSync(fromRoot('cypher', 'shared', file), 'utf8');
      expect(text).toMatch(/(An expression|Clauses that start a statement|Clauses inside a statement)/);
    },
  );
});
