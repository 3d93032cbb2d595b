import type { Driver } from 'neo4j-driver';
import type { Logger } from '../logger';
import { aggregatesMode, rebuildAggregates } from './rebuild';

/**
 * The API process's part in keeping the maintained aggregates: a rebuild in the background when they are not ready
 * at start (never built, stale, a rebuild that died) and after a write that marked them stale, one at a time, never
 * in a request. Reads are live meanwhile, so nothing waits for it.
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
    this.logger.info({ reason }, 'maintained aggregates: rebuilding in the background (reads are live meanwhile)');
    try {
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
