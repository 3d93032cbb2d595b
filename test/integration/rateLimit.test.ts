import { mintToken } from '../../src/auth';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';

const AUTH = tokenAuth('a-rate-limit-test-secret-of-32-bytes!');

describe('rate limit per client (token subject)', () => {
  let app: TestApp;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp(undefined, { auth: AUTH, fairness: { ratePerMinute: 3 } });
    url = await app.listen();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After past the limit, for that client only', async () => {
    const ask = async (sub: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await mintToken(AUTH, { sub, roles: ['viewer'], ttl: '5m' })}`,
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask('busy')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await ask('busy');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect((await ask('quiet')).status).toBe(200);
  });
});
