import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../src/http/jsonDepth';

describe('nestedDeeperThan: the depth of a JSON value, measured without recursion', () => {
  const tower = (depth: number, asArray = true): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
    return value;
  };

  it('counts arrays and objects, not scalars', () => {
    expect(nestedDeeperThan(1, 0)).toBe(false);
    expect(nestedDeeperThan('[[[', 0)).toBe(false);
    expect(nestedDeeperThan({}, 1)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({ a: [1, { b: null }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
  });

  it('finds the one deep branch among wide ones', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => ({ i }));
    expect(nestedDeeperThan([...wide, tower(MAX_JSON_DEPTH)], MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan([...wide, tower(MAX_JSON_DEPTH - 1)], MAX_JSON_DEPTH)).toBe(false);
  });

  it('measures a value nested 100,000 levels (arrays or objects) without running out of stack', () => {
    expect(nestedDeeperThan(tower(100_000), MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan(tower(100_000, false), MAX_JSON_DEPTH)).toBe(true);
  });
});
