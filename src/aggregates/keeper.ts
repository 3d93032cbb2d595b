import type { Driver } from 'neo4j-driver';
import type { Logger } from '../logger';
import { catchUpAggregates } from './catchUp';
import { aggregatesMode, rebuildAggregates } from './rebuild';

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
    try {
      if ((await aggregatesMode(this.driver, this.database)) === 'pending') {
        const refreshed = await catchUpAggregates(this.driver, this.database);
        this.logger.info({ refreshed }, 'maintained aggregates: caught up with a large write');
        if ((await aggregatesMode(this.driver, this.database)) === 'ready') return;
      }
      this.logger.info({ reason }, 'maintained aggregates: rebuilding in the background (reads are live meanwhile)');
      const result = await rebuildAggregates(this.driver, this.database);
      if (result.rebuilt) this.logger.info(result, 'maintained aggregates: ready');
      else this.logger.info(result, 'maintained aggregates: rebuild not done here');
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

/**
 * What a command does after a write that left the maintained aggregates pending or stale (the API's keeper does it
 * in the background): a catch-up, or a rebuild when that is not enough. Prints one line on stderr.
 */
export async function settleAggregates(driver: Driver, database: string): Promise<void> {
  if ((await aggregatesMode(driver, database)) === 'pending') await catchUpAggregates(driver, database);
  if ((await aggregatesMode(driver, database)) === 'ready') {
    console.error('maintained aggregates: up to date');
    return;
  }
  const result = await rebuildAggregates(driver, database);
  console.error(
    result.rebuilt
      ? `maintained aggregates: rebuilt in ${(result.ms / 1000).toFixed(1)} s`
      : `maintained aggregates: not rebuilt (${result.reason ?? 'unknown'}); run npm run aggregates -- --rebuild`,
  );
}
