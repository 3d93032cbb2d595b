import type { Driver } from 'neo4j-driver';
import { loadCypher } from './loadCypher';
import { withTimeout } from './timeout';

/** The readiness error while a restore's marker exists (src/backup/restoreGraph.ts): its graph is incomplete. */
export const RESTORE_IN_PROGRESS = 'a restore is in progress or was interrupted: run npm run restore again';

export interface DbStatus {
  ready: boolean;
  /** e.g. "5.26.19", when known. */
  version?: string;
  error?: string;
  checkedAt: number;
}

/**
 * Knows whether Neo4j answers. A background timer re-checks every `intervalMs`; readers also trigger a fresh
 * check when the last one is older than that, so readiness turns 503 within seconds of Neo4j going away and back
 * to 200 by itself when it returns.
 */
export class DbHealth {
  private status: DbStatus = { ready: false, checkedAt: 0 };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<DbStatus> | undefined;
  private prepared = true;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly intervalMs = 1_000,
    private readonly timeoutMs = 2_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
    void this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** While false (migrations or the demo load still running), the database counts as not ready. */
  setPrepared(prepared: boolean): void {
    this.prepared = prepared;
  }

  /** Whether the last check found Neo4j unreachable or not ready (false before the first check), at once. */
  knownDown(): boolean {
    return this.status.checkedAt > 0 && !this.status.ready;
  }

  /** The last known status, refreshed first when stale. */
  async current(): Promise<DbStatus> {
    if (Date.now() - this.status.checkedAt > this.intervalMs) return this.check();
    return this.status;
  }

  /** Runs one check (concurrent callers share it). */
  check(): Promise<DbStatus> {
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async probe(): Promise<DbStatus> {
    const session = this.driver.session({ database: this.database });
    try {
      const result = await withTimeout(
        session.run(loadCypher('health', 'probe.cypher'), {}, { timeout: this.timeoutMs }),
        this.timeoutMs,
      );
      const version = result.records[0]?.get('version') as string | undefined;
      const error = !this.prepared
        ? 'preparing the database'
        : result.records[0]?.get('restoring') === true
          ? RESTORE_IN_PROGRESS
          : undefined;
      this.status =
        error === undefined
          ? { ready: true, ...(version ? { version } : {}), checkedAt: Date.now() }
          : { ready: false, ...(version ? { version } : {}), error, checkedAt: Date.now() };
    } catch (error) {
      this.status = { ready: false, error: (error as Error).message, checkedAt: Date.now() };
    } finally {
      void session.close().catch(() => undefined);
    }
    return this.status;
  }
}
