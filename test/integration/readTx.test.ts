import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import { createDriver, readTx } from '../../src/db';
import { DATABASE, testNeo4jUri } from '../support/testApp';

/** readTx runs each statement in an auto-commit read transaction and retries the whole work on retryable errors. */
describe('readTx', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = createDriver({ uri: testNeo4jUri() });
  });
  afterAll(async () => {
    await driver.close();
  });

  const transient = () =>
    new Neo4jError('the server was busy', neo4j.error.SERVICE_UNAVAILABLE, '08000', 'connection exception');

  it('runs several statements and returns what the work returns', async () => {
    const result = await readTx(driver, { database: DATABASE }, async (tx) => {
      const a = await tx.run('RETURN 20 AS x');
      const b = await tx.run('RETURN $y + 2 AS x', { y: neo4j.int(20) });
      return [a.records[0]?.get('x'), b.records[0]?.get('x')].map((x) => neo4j.integer.toNumber(x as number));
    });
    expect(result).toEqual([20, 22]);
  });

  it('tries the work again after a retryable error, up to three attempts', async () => {
    let attempts = 0;
    const answer = await readTx(driver, { database: DATABASE }, async (tx) => {
      attempts++;
      if (attempts < 3) throw transient();
      return (await tx.run('RETURN 7 AS x')).records[0]?.get('x');
    });
    expect(attempts).toBe(3);
    expect(neo4j.integer.toNumber(answer as number)).toBe(7);

    let failing = 0;
    await expect(
      readTx(driver, { database: DATABASE }, async () => {
        failing++;
        throw transient();
      }),
    ).rejects.toThrow('the server was busy');
    expect(failing).toBe(3);
  });

  it('does not retry other errors, and refuses writes (the session is in read mode)', async () => {
    let attempts = 0;
    await expect(
      readTx(driver, { database: DATABASE }, async () => {
        attempts++;
        throw new Error('a bug');
      }),
    ).rejects.toThrow('a bug');
    expect(attempts).toBe(1);
    await expect(
      readTx(driver, { database: DATABASE }, (tx) => tx.run('CREATE (:ReadTxProbe {synthetic: true})')),
    ).rejects.toThrow(/write|read/i);
  });
});
