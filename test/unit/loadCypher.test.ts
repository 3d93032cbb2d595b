import { readdirSync } from 'node:fs';
import { loadCypher } from '../../src/db';
import { fromRoot } from '../../src/paths';

describe('loadCypher', () => {
  it('returns the text of a file under cypher/, the same string on every call', () => {
    const first = loadCypher('metrics', 'filters.cypher');
    expect(first).toContain('RETURN');
    expect(loadCypher('metrics', 'filters.cypher')).toBe(first);
  });

  it('throws, naming the path, when the file does not exist', () => {
    expect(() => loadCypher('metrics', 'no-such-file.cypher')).toThrow(/no-such-file\.cypher/);
  });

  it.each(readdirSync(fromRoot('cypher', 'metrics')).filter((f) => f.endsWith('.cypher')))(
    'cypher/metrics/%s opens with a header naming its parameters and columns, and builds no string',
    (file) => {
      const text = loadCypher('metrics', file);
      const header = text.split('\n').filter((line) => line.startsWith('//'));
      expect(header.some((line) => line.startsWith('// Parameters: '))).toBe(true);
      expect(header.some((line) => line.startsWith('// Columns: '))).toBe(true);
      expect(text).not.toMatch(/__[A-Z]+__/);
    },
  );
});
