import { toLuceneQuery } from '../../src/queries/search';

describe('toLuceneQuery: what a user types is searched as text, never as Lucene query syntax', () => {
  it.each([
    ['尼龙新材料', '尼龙新材料'],
    ['平煤 神马', '平煤 神马'],
    ['a AND', 'a \\AND'],
    ['AND', '\\AND'],
    ['NOT a', '\\NOT a'],
    ['a\u3000OR\tb', 'a\u3000\\OR\tb'],
    ['ANDROID and or not', 'ANDROID and or not'],
    ['R&&D || x!', 'R\\&\\&D \\|\\| x\\!'],
    ['name:"x" (y', 'name\\:\\"x\\" \\(y'],
    ['*foo? ~1 ^2 [a TO b] {c}', '\\*foo\\? \\~1 \\^2 \\[a TO b\\] \\{c\\}'],
    ['/re/ a\\b -c +d', '\\/re\\/ a\\\\b \\-c \\+d'],
    ['  padded  ', 'padded'],
  ])('%j → %j', (text, query) => {
    expect(toLuceneQuery(text)).toBe(query);
  });
});
