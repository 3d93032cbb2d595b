import type { Driver, Session, SessionConfig } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors';
import { own } from './driver';

/**
 * A session could not be had before the deadline: the client has too much database work in flight (its own
 * requests hold its sessions). An operational error for the client: RATE_LIMITED (429), like the rate limit.
 */
export class SessionWaitTimeout extends AppError {
  constructor(readonly waitedMs: number) {
    super(ErrorCode.RATE_LIMITED, 'This client has too much database work in flight; retry shortly.', {
      retryAfterSeconds: 1,
    });
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

/**
 * One semaphore per key (a client), created when a session of that key first asks for a permit and dropped when it
 * has none held or waited for. Callers look the semaphore up when they acquire ({@link KeyedSemaphores.permit}),
 * never earlier, so a dropped semaphore is never used again and a client that opens no session leaves no entry.
 */
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

  /** A permit source for `key`: the semaphore is looked up when a session asks, not when the request starts. */
  permit(key: string): PermitSource {
    return () => this.of(key);
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

/** Where a session gets one of its permits: a semaphore, and what to call after releasing it. */
export type PermitSource = () => { semaphore: Semaphore; released?: () => void };

/** A semaphore of the request's own, as a permit source. */
export function ownPermit(semaphore: Semaphore): PermitSource {
  return () => ({ semaphore });
}

/**
 * The driver one request works with: every session it opens holds a permit of each semaphore (the request's own,
 * then its client's, always in that order) from its first statement until it is closed, waiting at most `timeoutMs`
 * for them. A request then holds at most a few sessions, and a client at most a few more across its requests, so
 * no client can take the whole connection pool from the others. Statements are run as the wrapped driver runs them.
 */
export function withSessionLimits(driver: Driver, sources: readonly PermitSource[], timeoutMs: number): Driver {
  const session = (config?: SessionConfig): Session => {
    const real = driver.session(config);
    type Held = ReturnType<PermitSource>[];
    let held: Promise<Held> | null = null;
    const releaseAll = (permits: Held): void => {
      for (const { semaphore, released } of [...permits].reverse()) {
        semaphore.release();
        released?.();
      }
    };
    const acquire = (): Promise<Held> =>
      (held ??= (async () => {
        const taken: Held = [];
        try {
          for (const source of sources) {
            const permit = source();
            await permit.semaphore.acquire(timeoutMs);
            taken.push(permit);
          }
        } catch (error) {
          releaseAll(taken);
          throw error;
        }
        return taken;
      })());
    const gated =
      (method: 'run' | 'executeRead' | 'executeWrite') =>
      (...args: unknown[]) =>
        acquire().then(() => (real[method] as (...a: unknown[]) => unknown)(...args));
    return new Proxy(real, {
      get(target, property) {
        if (property === 'run' || property === 'executeRead' || property === 'executeWrite') return gated(property);
        if (property === 'close') {
          return async () => {
            // Taken before the first await, so that two close() calls cannot both release the same permits.
            const pending = held;
            held = null;
            await target.close();
            if (pending) releaseAll(await pending.catch((): Held => []));
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
