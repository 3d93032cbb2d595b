import { GraphBuilder } from '../../seed/graphBuilder';
import { loadGraph } from '../../seed/loadSeed';
import { SeedValidationError } from '../../seed/validateGraph';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';

/** Malformed codes in a mutation or a filter are rejected with a message naming the value and the rule; nothing is written. */
describe('validated scalars at the API boundary', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const create = (input: Record<string, unknown>) =>
    app.execute(
      'mutation ($input: [EnterpriseCreateInput!]!) { createEnterprises(input: $input) { enterprises { id } } }',
      { input: [{ name: '校验（示例）', aboveScale: false, backbone: false, synthetic: true, ...input }] },
    );

  async function stored(id: string): Promise<number> {
    const r = await app.execute<{ enterprises: unknown[] }>(
      'query ($id: ID!) { enterprises(where: { id: { eq: $id } }) { id } }',
      { id },
    );
    return r.data?.enterprises.length ?? -1;
  }

  it('rejects a credit code with a wrong check character, names the expected one, and writes nothing', async () => {
    const id = `${app.prefix}bad-check`;
    const result = await create({ id, creditCode: '91350100M000100Y44' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/91350100M000100Y44.*position 18.*expected "3"/);
    expect(await stored(id)).toBe(0);
  });

  it('rejects a credit code with a character outside the alphabet, naming its position', async () => {
    const result = await create({ id: `${app.prefix}bad-char`, creditCode: '91350100M00010OY43' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/position 15/);
  });

  it('accepts a valid credit code and stores it', async () => {
    const id = `${app.prefix}good`;
    const result = await create({ id, creditCode: '91350100M000100Y43' });
    expect(result.errors).toBeUndefined();
    expect(await stored(id)).toBe(1);
  });

  it('rejects a malformed region code in a filter, naming the value', async () => {
    const result = await app.execute('{ regions(where: { code: { eq: "4104" } }) { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/RegionCode.*"4104"/);
  });

  it('rejects an industry code of the wrong section in a mutation and writes nothing', async () => {
    const id = `${app.prefix}bad-industry`;
    const result = await create({ id, industryCode: 'A26' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/IndustryCode.*"A26"/);
    expect(await stored(id)).toBe(0);
  });

  it('rejects a seed graph with one bad row before writing any of it', async () => {
    const g = new GraphBuilder();
    g.node('Enterprise', {
      id: `${app.prefix}seed-good`,
      name: '好（示例）',
      aboveScale: false,
      backbone: false,
      synthetic: true,
    });
    g.node('Enterprise', {
      id: `${app.prefix}seed-bad`,
      name: '坏（示例）',
      creditCode: '91350100M000100Y44',
      aboveScale: false,
      backbone: false,
      synthetic: true,
    });
    await expect(loadGraph(app.driver, DATABASE, g)).rejects.toBeInstanceOf(SeedValidationError);
    expect(await stored(`${app.prefix}seed-good`)).toBe(0);
    expect(await stored(`${app.prefix}seed-bad`)).toBe(0);
  });
});
