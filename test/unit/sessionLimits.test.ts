import type { Driver } from 'neo4j-driver';
import {
  KeyedSemaphores,
  ownPermit,
  Semaphore,
  SessionWaitTimeout,
  withSessionLimits,
} from '../../src/db/sessionLimits';

describe('Semaphore (database sessions held at once)', () => {
  it('grants up to max at once, then serves waiters first come first served as permits are released', async () => {
    const s = new Semaphore(2);
    await s.acquire(1000);
    await s.acquire(1000);
    const order: string[] = [];
    const a = s.acquire(1000).then(() => order.push('a'));
    const b = s.acquire(1000).then(() => order.push('b'));
    expect(s.load).toEqual({ active: 2, waiting: 2 });
    s.release();
    await a;
    s.release();
    await b;
    expect(order).toEqual(['a', 'b']);
    expect(s.load).toEqual({ active: 2, waiting: 0 });
    s.release();
    s.release();
    expect(s.load).toEqual({ active: 0, waiting: 0 });
  });

  it('gives a waiter up at its deadline, without taking a permit', async () => {
    const s = new Semaphore(1);
    await s.acquire(1000);
    await expect(s.acquire(20)).rejects.toBeInstanceOf(SessionWaitTimeout);
    expect(s.load).toEqual({ active: 1, waiting: 0 });
    s.release();
    await expect(s.acquire(20)).resolves.toBeUndefined();
  });

  it('keeps one semaphore per client while it has work, and drops it when idle', async () => {
    const keyed = new KeyedSemaphores(1);
    const alice = keyed.of('sub:alice');
    await alice.semaphore.acquire(100);
    expect(keyed.of('sub:alice').semaphore).toBe(alice.semaphore);
    expect(keyed.of('sub:bob').semaphore).not.toBe(alice.semaphore);
    await expect(keyed.of('sub:bob').semaphore.acquire(100)).resolves.toBeUndefined(); // bob is not held up by alice
    alice.semaphore.release();
    alice.released();
    expect(keyed.size).toBe(1); // bob still holds his
  });
});

describe('withSessionLimits (a stand-in driver, no database)', () => {
  const fakeDriver = () =>
    ({
      session: () => ({ run: async () => 'ran', close: async () => undefined }),
    }) as unknown as Driver;

  it('holds its permits from the first statement to close, and a second close releases nothing more', async () => {
    const request = new Semaphore(1);
    const clients = new KeyedSemaphores(2);
    const driver = withSessionLimits(fakeDriver(), [ownPermit(request), clients.permit('sub:a')], 100);
    const session = driver.session();
    expect(clients.size).toBe(0); // nothing is looked up before a statement runs
    await expect(session.run('RETURN 1')).resolves.toBe('ran');
    expect([request.load.active, clients.load.active, clients.size]).toEqual([1, 1, 1]);
    await Promise.all([session.close(), session.close()]);
    expect([request.load.active, clients.load.active, clients.size]).toEqual([0, 0, 0]);
    // The client's semaphore was dropped when idle; the next session gets a fresh one, never the dropped one.
    const next = driver.session();
    await next.run('RETURN 1');
    expect(clients.load.active).toBe(1);
    await next.close();
  });

  it('fails a statement that cannot get a permit in time, keeping no permit, and lets the client go on', async () => {
    const clients = new KeyedSemaphores(1);
    const driver = withSessionLimits(fakeDriver(), [clients.permit('sub:greedy')], 30);
    const first = driver.session();
    await first.run('RETURN 1');
    const second = driver.session();
    await expect(second.run('RETURN 1')).rejects.toBeInstanceOf(SessionWaitTimeout);
    await second.close();
    expect(clients.load).toEqual({ active: 1, waiting: 0 });
    await first.close();
    expect(clients.size).toBe(0);
  });
});
