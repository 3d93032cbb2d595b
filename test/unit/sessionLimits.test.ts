import { KeyedSemaphores, Semaphore, SessionWaitTimeout } from '../../src/db/sessionLimits';

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
