import type { Driver } from 'neo4j-driver';
import type { Logger } from '../logger';
import { catchUpAggregates } from './catchUp';
import { aggregatesMode, type RebuildResult, rebuildAggregates } from './rebuild';

/**
 * The API process's part in keeping the maintained aggregates: in the background, one at a time, never in a request,
 * a catch-up when a large write left them pending (src/aggregates/catchUp.ts), a rebuild when they are not ready at
 * start (never built, stale, a rebuild that died) or after a write marked them stale. Reads are live meanwhile.
 */
export class AggregateKeeper {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly logger: Logger,
  ) {}

  /** Rebuilds unless the aggregates are ready. */
  async ensure(): Promise<void> {
    const mode = await aggregatesMode(this.driver, this.database);
    if (mode !== 'ready') this.request(mode === null ? 'never built' : mode);
  }

  /** Starts a rebuild now, or once the running one ends. */
  request(reason = 'marked stale'): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.rebuild(reason).finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.request('marked stale again');
      }
    });
  }

  private async rebuild(reason: string): Promise<void> {
    this.logger.info(
      { reason },
      'maintained aggregates: bringing them back in the background (reads are live meanwhile)',
    );
    try {
      const outcome = await catchUpOrRebuild(this.driver, this.database);
      this.logger.info(
        outcome,
        outcome.ready ? 'maintained aggregates: ready' : 'maintained aggregates: not done here',
      );
    } catch (error) {
      if (!this.stopped) this.logger.warn({ err: error }, 'maintained aggregates: rebuild failed; reads stay live');
    }
  }

  /** No new rebuild; the running one (if any) is left to fail with the closing driver and is taken over later. */
  stop(): void {
    this.stopped = true;
  }

  /** Resolves when no rebuild runs (tests). */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }
}

/** What {@link catchUpOrRebuild} did: subjects caught up with, the rebuild (when one ran), and whether they are ready now. */
export interface CatchUpOrRebuild {
  caughtUp: number;
  rebuild: RebuildResult | null;
  ready: boolean;
}

/**
 * Brings the maintained aggregates back after a write left them pending or stale: a catch-up when they are pending
 * (src/aggregates/catchUp.ts), a rebuild when that is not enough. The API's keeper runs it in the background, the
 * import CLI before it exits.
 */
export async function catchUpOrRebuild(driver: Driver, database: string): Promise<CatchUpOrRebuild> {
  const caughtUp =
    (await aggregatesMode(driver, database)) === 'pending' ? await catchUpAggregates(driver, database) : 0;
  if ((await aggregatesMode(driver, database)) === 'ready') return { caughtUp, rebuild: null, ready: true };
  const rebuild = await rebuildAggregates(driver, database);
  return { caughtUp, rebuild, ready: rebuild.rebuilt };
}

/**
 * {@link catchUpOrRebuild} until the aggregates are ready: while another process (the API's keeper, another test
 * file) rebuilds them, waits for it, trying again every `everyMs`, for at most `maxMs`; then throws.
 * @param onWait called once, when the first try finds them not ready
 */
export async function waitForAggregates(
  driver: Driver,
  database: string,
  { maxMs, everyMs, onWait }: { maxMs: number; everyMs: number; onWait?: (reason: string) => void },
): Promise<CatchUpOrRebuild> {
  for (let waited = 0; ; waited += everyMs) {
    const outcome = await catchUpOrRebuild(driver, database);
    if (outcome.ready) return outcome;
    if (waited === 0) onWait?.(outcome.rebuild?.reason ?? 'unknown');
    if (waited >= maxMs) {
      throw new Error(
        `the maintained aggregates were not ready after ${maxMs / 1000} s: see npm run aggregates -- --status`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** {@link catchUpOrRebuild} for a command: one line on stderr. */
export async function catchUpOrRebuildAndSay(driver: Driver, database: string): Promise<void> {
  const { rebuild } = await catchUpOrRebuild(driver, database);
  if (rebuild === null) console.error('maintained aggregates: up to date');
  else if (rebuild.rebuilt) console.error(`maintained aggregates: rebuilt in ${(rebuild.ms / 1000).toFixed(1)} s`);
  else {
    console.error(
      `maintained aggregates: not rebuilt (${rebuild.reason ?? 'unknown'}); run npm run aggregates -- --rebuild`,
    );
  }
}
