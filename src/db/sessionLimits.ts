import type { Driver, Session, SessionConfig } from 'neo4j-driver';
import { own } from './driver';

/** A session could not be had before the deadline: the client has too much database work in flight. */
export class SessionWaitTimeout extends Error {
  constructor(readonly waitedMs: number) {
    super(`no database session within ${waitedMs} ms`);
    this.name = 'SessionWaitTimeout';
  }
}

/**
 * A counting semaphore whose waiters give up at a deadline, served first come first served. Written here because
 * the maintained options do not fit: p-limit (ESM only from v4) has no deadline for a waiter, and
 * rate-limiter-flexible bounds rates, not work in flight.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly max: number) {}

  /** Permits held now and callers waiting for one. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Resolves once a permit is held; rejects with SessionWaitTimeout after `timeoutMs` without one. */
  acquire(timeoutMs: number): Promise<void> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new SessionWaitTimeout(timeoutMs));
      }, timeoutMs);
      this.waiting.push(waiter);
    });
  }

  /** Hands the permit to the longest waiter, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.active = Math.max(0, this.active - 1);
  }
}

/** One semaphore per key (a client), created on first use and dropped when idle. */
export class KeyedSemaphores {
  private readonly byKey = new Map<string, Semaphore>();

  constructor(readonly max: number) {}

  /** The key's semaphore and a function to call after each release, which drops it once idle. */
  of(key: string): { semaphore: Semaphore; released: () => void } {
    let semaphore = this.byKey.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.max);
      this.byKey.set(key, semaphore);
    }
    const s = semaphore;
    return {
      semaphore: s,
      released: () => {
        const { active, waiting } = s.load;
        if (active === 0 && waiting === 0 && this.byKey.get(key) === s) this.byKey.delete(key);
      },
    };
  }

  /** Keys with work in flight or waiting. */
  get size(): number {
    return this.byKey.size;
  }

  /** Permits held and waited for, over every key. */
  get load(): { active: number; waiting: number } {
    let active = 0;
    let waiting = 0;
    for (const s of this.byKey.values()) {
      active += s.load.active;
      waiting += s.load.waiting;
    }
    return { active, waiting };
  }
}

/**
 * The driver one request works with: every session it opens holds a permit of each semaphore (the request's own,
 * then its client's, always in that order) from its first statement until it is closed, waiting at most `timeoutMs`
 * for them. A request then holds at most a few sessions, and a client at most a few more across its requests, so
 * no client can take the whole connection pool from the others. Statements are run as the wrapped driver runs them.
 */
export function withSessionLimits(
  driver: Driver,
  permits: readonly { semaphore: Semaphore; released?: () => void }[],
  timeoutMs: number,
): Driver {
  const session = (config?: SessionConfig): Session => {
    const real = driver.session(config);
    let held: Promise<number> | null = null;
    const acquire = (): Promise<number> =>
      (held ??= (async () => {
        let taken = 0;
        try {
          for (const { semaphore } of permits) {
            await semaphore.acquire(timeoutMs);
            taken += 1;
          }
        } catch (error) {
          releaseFirst(taken);
          throw error;
        }
        return taken;
      })());
    const releaseFirst = (n: number): void => {
      for (const { semaphore, released } of permits.slice(0, n).reverse()) {
        semaphore.release();
        released?.();
      }
    };
    const gated =
      (method: 'run' | 'executeRead' | 'executeWrite') =>
      (...args: unknown[]) =>
        acquire().then(() => (real[method] as (...a: unknown[]) => unknown)(...args));
    return new Proxy(real, {
      get(target, property) {
        if (property === 'run' || property === 'executeRead' || property === 'executeWrite') return gated(property);
        if (property === 'close') {
          return async () => {
            await target.close();
            if (held) {
              const taken = await held.catch(() => 0);
              releaseFirst(taken);
              held = null;
            }
          };
        }
        return own(target, property);
      },
    });
  };
  return new Proxy(driver, {
    get: (target, property) => (property === 'session' ? session : own(target, property)),
  });
}
