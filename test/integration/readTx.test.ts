import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import { createDriver, readTx, withAutoCommitReads } from '../../src/db';
import { createTestApp, DATABASE, TEST_ADMIN, testNeo4j } from '../support/testApp';

/**
 * readTx runs each statement in an auto-commit read transaction and retries the whole work on retryable errors;
 * withAutoCommitReads gives @neo4j/graphql a driver whose executeRead does the same, and whose executeWrite is
 * still one managed transaction.
 */
describe('readTx', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = createDriver(testNeo4j());
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

  // Only an auto-commit (implicit) transaction may run CALL { … } IN TRANSACTIONS: proof of how a statement ran.
  const IMPLICIT_ONLY = 'CALL () { RETURN 1 AS one } IN TRANSACTIONS RETURN one';

  it('runs statements as auto-commit transactions (what only an implicit transaction may run, runs)', async () => {
    const result = await readTx(driver, { database: DATABASE }, (tx) => tx.run(IMPLICIT_ONLY));
    expect(neo4j.integer.toNumber(result.records[0]?.get('one') as number)).toBe(1);
    const managed = driver.session({ database: DATABASE });
    try {
      await expect(managed.executeRead((tx) => tx.run(IMPLICIT_ONLY))).rejects.toThrow(/implicit transaction/i);
    } finally {
      await managed.close();
    }
  });

  it('withAutoCommitReads: executeRead as auto-commit reads with retries; executeWrite all or nothing', async () => {
    const wrapped = withAutoCommitReads(driver);
    const session = wrapped.session({ database: DATABASE, defaultAccessMode: neo4j.session.READ });
    let attempts = 0;
    try {
      const result = await session.executeRead(async (tx) => {
        attempts++;
        if (attempts === 1) throw transient();
        return tx.run(IMPLICIT_ONLY);
      });
      expect(attempts).toBe(2);
      expect(neo4j.integer.toNumber(result.records[0]?.get('one') as number)).toBe(1);
    } finally {
      await session.close();
    }

    const id = `readtx-${Date.now()}`;
    const writer = wrapped.session({ database: DATABASE, defaultAccessMode: neo4j.session.WRITE });
    try {
      await expect(
        writer.executeWrite(async (tx) => {
          await tx.run('CREATE (:ReadTxProbe {id: $id, synthetic: true})', { id });
          throw new Error('abandon the write');
        }),
      ).rejects.toThrow('abandon the write');
      await expect(writer.executeWrite((tx) => tx.run(IMPLICIT_ONLY))).rejects.toThrow(/implicit transaction/i);
    } finally {
      await writer.close();
    }
    const { records } = await driver.executeQuery('MATCH (n:ReadTxProbe {id: $id}) RETURN count(n) AS n', { id });
    expect(neo4j.integer.toNumber(records[0]?.get('n') as number)).toBe(0);
    // Everything else is the driver's own.
    expect(wrapped.executeQueryBookmarkManager).toBe(driver.executeQueryBookmarkManager);
  });

  it("the server's request context hands @neo4j/graphql the auto-commit driver", async () => {
    const app = await createTestApp();
    try {
      const session = app.server
        .contextFor('test', TEST_ADMIN)
        .executionContext.session({ database: DATABASE, defaultAccessMode: neo4j.session.READ });
      try {
        const result = await session.executeRead((tx) => tx.run(IMPLICIT_ONLY));
        expect(neo4j.integer.toNumber(result.records[0]?.get('one') as number)).toBe(1);
      } finally {
        await session.close();
      }
    } finally {
      await app.close();
    }
  });
});
