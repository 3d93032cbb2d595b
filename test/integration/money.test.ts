import { runAutoCommit } from '../../src/db';
import { createTestApp, DATABASE, type TestApp } from '../support/testApp';

describe('money: exact 64-bit amounts, never negative on a write (real Neo4j)', () => {
  let app: TestApp;
  const p = (key: string): string => `${app.prefix}${key}`;
  beforeAll(async () => {
    app = await createTestApp();
    await app.write(
      `CREATE (:Enterprise {id: $p + 'small', name: '小企业（示例）', aboveScale: true, backbone: false, revenue: 5,
                            synthetic: true})`,
    );
  });
  afterAll(async () => {
    await app.close();
  });
  const exists = async (id: string) =>
    Number(
      (await runAutoCommit(app.driver, DATABASE, 'MATCH (n {id: $id}) RETURN count(n) AS n', { id })).records[0]?.get(
        'n',
      ),
    ) > 0;

  it('refuses a BigInt beyond 2^63 - 1, inline or as a variable, showing the value as written', async () => {
    const inline = await app.execute(
      `{ enterprises(where: { id: { eq: "${p('small')}" }, revenue: { gt: "9223372036854775808" } }) { id } }`,
    );
    expect(inline.data ?? null).toBeNull();
    expect(inline.errors?.[0]?.message).toContain(
      'BigInt must be a whole number from -9223372036854775808 to 9223372036854775807; got 9223372036854775808',
    );
    const variable = await app.execute('query ($r: BigInt) { enterprises(where: { revenue: { gt: $r } }) { id } }', {
      r: '-9223372036854775809',
    });
    expect(variable.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(variable.errors?.[0]?.message).toContain('got -9223372036854775809');
    const gap = await app.execute(
      '{ enterprisesWithoutConsortium(minRevenue: "999999999999999999999999999999") { id } }',
    );
    expect(gap.errors?.[0]?.message).toContain('got 999999999999999999999999999999');
    // The largest value is still exact.
    const max = await app.execute(
      `{ enterprises(where: { id: { eq: "${p('small')}" }, revenue: { lt: "9223372036854775807" } }) { id } }`,
    );
    expect(max.data).toEqual({ enterprises: [{ id: p('small') }] });
  });

  it('refuses a negative amount on every write path, naming the field and where it was given', async () => {
    const create = await app.execute(
      'mutation ($input: [EnterpriseCreateInput!]!) { createEnterprises(input: $input) { enterprises { id } } }',
      {
        input: [
          { id: p('neg'), name: '负（示例）', aboveScale: false, backbone: false, synthetic: true, revenue: '-1' },
        ],
      },
    );
    expect(create.errors?.[0]).toMatchObject({
      message: 'revenue: an amount cannot be negative; got -1 at input[0].revenue (in createEnterprises)',
      extensions: { code: 'BAD_USER_INPUT', field: 'revenue' },
    });
    expect(await exists(p('neg'))).toBe(false);

    const update = await app.execute(
      `mutation { updateEnterprises(where: { id: { eq: "${p('small')}" } }, update: { revenue: { set: -20 } }) { enterprises { id } } }`,
    );
    expect(update.errors?.[0]?.message).toBe(
      'revenue: an amount cannot be negative; got -20 at update.revenue.set (in updateEnterprises)',
    );

    const nested = await app.execute(
      `mutation {
         createEnterprises(input: [{ id: "${p('nest')}", name: "嵌（示例）", aboveScale: true, backbone: false, synthetic: true,
           reports: { create: [{ node: { id: "${p('nest-rep')}", year: 2024, revenue: "-300", aboveScale: true,
             hasRdInstitution: false, hasRdStaff: false, hasRdSpending: false, hasIurCooperation: false, synthetic: true } }] } }])
         { enterprises { id } } }`,
    );
    expect(nested.errors?.[0]?.message).toMatch(
      /^revenue: an amount cannot be negative; got -300 at input\[0\]\.reports\.create\[0\]\.node\.revenue/,
    );
    expect(await exists(p('nest'))).toBe(false);

    const subtract = await app.execute(
      `mutation { updateEnterprises(where: { id: { eq: "${p('small')}" } }, update: { revenue: { subtract: "999999999999" } }) { enterprises { id } } }`,
    );
    expect(subtract.errors?.[0]?.message).toMatch(/^revenue: an amount is set or added to, never subtracted from/);
    const overflow = await app.execute(
      `mutation { updateEnterprises(where: { id: { eq: "${p('small')}" } }, update: { revenue: { add: "9223372036854775807" } }) { enterprises { id } } }`,
    );
    expect(overflow.errors?.[0]).toMatchObject({
      message: 'A number in this request would go out of range (beyond 2^63 − 1).',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const [{ revenue }] = ((
      await app.execute<{ enterprises: { revenue: string }[] }>(
        `{ enterprises(where: { id: { eq: "${p('small')}" } }) { revenue } }`,
      )
    ).data?.enterprises ?? [{ revenue: '' }]) as [{ revenue: string }];
    expect(revenue).toBe('5');

    // A write that @skip or @include leaves out writes nothing and is not refused; the same one that runs is.
    const maybe = `mutation ($run: Boolean!) {
      updateEnterprises(where: { id: { eq: "${p('small')}" } }, update: { revenue: { set: -7 } }) @include(if: $run) {
        enterprises { id } } }`;
    expect(await app.execute(maybe, { run: false })).toMatchObject({ data: {} });
    expect((await app.execute(maybe, { run: true })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    // A filter may compare with a negative number.
    const filter = await app.execute(
      `mutation { updateEnterprises(where: { id: { eq: "${p('small')}" }, revenue: { gt: -1 } }, update: { name: { set: "改（示例）" } }) { enterprises { id } } }`,
    );
    expect(filter.errors).toBeUndefined();
  });
});
