import { createTestApp, type TestApp } from '../support/testApp';

/** A 4-character Chinese word unique to this run, so full-text hits from other tests' data cannot interfere. */
function uniqueWord(prefix: string): string {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳';
  return [...prefix.slice(1, 5)].map((c) => chars[parseInt(c, 16)]).join('');
}

describe('search (full-text, CJK)', () => {
  let app: TestApp;
  let word: string;

  beforeAll(async () => {
    app = await createTestApp();
    word = uniqueWord(app.prefix);
    await app.driver.executeQuery(
      `CREATE (:Enterprise {id: $p + 'e1', name: $w + '新材料有限公司（示例）', aboveScale: true, backbone: false, synthetic: true})
       CREATE (:Platform {id: $p + 'p1', name: $w + '工程技术研究中心（示例）', kind: 'ENGINEERING_RESEARCH_CENTER', level: 'MUNICIPAL', synthetic: true})
       CREATE (:Achievement {id: $p + 'a1', title: '无关成果（示例）', kind: 'PATENT', year: 2024, landmark: false, synthetic: true})`,
      { p: app.prefix, w: word },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const search = (text: string, extra = '') =>
    app.execute<{ search: { id: string; type: string; label: string }[] }>(
      `query ($text: String!) { search(text: $text${extra}) { id: nodeId type label } }`,
      { text },
    );

  it('finds entities by a Chinese word inside their names, best match first, with type and label', async () => {
    const result = await search(word);
    expect(result.errors).toBeUndefined();
    const mine = result.data?.search.filter((h) => h.id.startsWith(app.prefix));
    expect(mine?.map((h) => h.id).sort()).toEqual([`${app.prefix}e1`, `${app.prefix}p1`]);
    expect(result.data?.search[0]?.id.startsWith(app.prefix)).toBe(true);
    expect(mine).toContainEqual({ id: `${app.prefix}e1`, type: 'Enterprise', label: `${word}新材料有限公司（示例）` });
  });

  it('restricts hits to the given types', async () => {
    const result = await search(word, ', types: [Platform]');
    expect(result.data?.search.filter((h) => h.id.startsWith(app.prefix))).toEqual([
      { id: `${app.prefix}p1`, type: 'Platform', label: `${word}工程技术研究中心（示例）` },
    ]);
  });

  it('treats Lucene syntax in the text literally instead of failing', async () => {
    const result = await search(`${word} AND (*:"/`);
    expect(result.errors).toBeUndefined();
  });

  it.each([
    ['   ', '', 'text'],
    [`x`, ', limit: 0', 'limit'],
    [`x`, ', limit: 101', 'limit'],
  ])('rejects %j%s with BAD_USER_INPUT naming %s', async (text, extra, argument) => {
    const result = await search(text, extra);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message.startsWith(`${argument}:`)).toBe(true);
    expect(result.errors?.[0]?.extensions?.argument).toBe(argument);
  });

  it("answers an alias with the field it names, even when the alias is another field's name", async () => {
    const result = await app.execute<{ search: { nodeId: string; type: string; label: string }[] }>(
      'query ($text: String!) { search(text: $text, types: [Platform]) { nodeId type: label label: type } }',
      { text: word },
    );
    expect(result.data?.search.filter((h) => h.nodeId.startsWith(app.prefix))).toEqual([
      { nodeId: `${app.prefix}p1`, type: `${word}工程技术研究中心（示例）`, label: 'Platform' },
    ]);
  });

  it('refuses a type that is no node label before running: types is a list of the NodeLabel enum', async () => {
    const result = await app.execute(`query ($types: [NodeLabel!]) { search(text: "x", types: $types) { id } }`, {
      types: ['Enterprise', 'Company'],
    });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/"Company".*NodeLabel/);
  });

  it("gives each hit an id of its question: one text's hits keep their ids, another text's hit of the same node has another", async () => {
    type Hits = { search: { id: string; nodeId: string; score: number }[] };
    const ask = (text: string) =>
      app.execute<Hits>('query ($text: String!) { search(text: $text, limit: 100) { id nodeId score } }', { text });
    const mine = (hits: Hits | null | undefined) =>
      new Map((hits?.search ?? []).filter((h) => h.nodeId.startsWith(app.prefix)).map((h) => [h.nodeId, h]));
    const byWord = mine((await ask(word)).data);
    const again = mine((await ask(word)).data);
    const byPhrase = mine((await ask(`${word}新材料`)).data);
    const e1 = `${app.prefix}e1`;
    expect(again.get(e1)?.id).toBe(byWord.get(e1)?.id);
    expect(byPhrase.get(e1)?.id).toBeDefined();
    expect(byPhrase.get(e1)?.id).not.toBe(byWord.get(e1)?.id);
    expect(byWord.get(e1)?.id).toMatch(new RegExp(`^search\\([0-9a-f]{12}\\)/${e1}$`));
  });
});
