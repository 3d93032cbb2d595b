import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { BackupScheduleConfig } from '../config';
import type { Logger } from '../logger';
import { backupGraph } from './writeBackup';

/** The names of the schedule's own files; retention deletes no other file of the folder. */
export const SCHEDULED_BACKUP_NAME = /^innovation-graph-(\d{8}T\d{9}Z)\.backup\.gz$/;

/** `innovation-graph-20261207T031500123Z.backup.gz`: sorts by time, milliseconds included so that names never clash. */
export function scheduledBackupName(at: Date): string {
  return `innovation-graph-${at.toISOString().replace(/[-:.]/g, '')}.backup.gz`;
}

/** What the schedule has done, for /health/ready and /metrics. Times are ISO strings, null until it happens. */
export interface BackupStatus {
  dir: string;
  intervalMinutes: number;
  keep: number;
  running: boolean;
  lastSuccessAt: string | null;
  lastFile: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  failures: number;
  /** Ticks that came while the previous backup still ran, and were skipped. */
  skipped: number;
  nextAt: string | null;
}

/** Anything that can say how the scheduled backups stand (the server reads it; tests give their own). */
export interface BackupStatusSource {
  status(): BackupStatus;
}

/** The longest a scheduled backup may hold writes off (as `npm run backup`'s default --timeout-s). */
const SCHEDULED_TIMEOUT_MS = 300_000;

/**
 * Backups on a schedule inside the API process: every interval one backup (backupGraph) into the folder under a
 * timestamped name, then the oldest of its own files beyond `keep` are deleted. It never blocks serving: it runs in
 * the background, a tick that comes while a backup still runs is skipped, a failure is logged and counted. The first
 * backup comes one interval after the newest already in the folder (at once when there is none), so that restarts do
 * not put a schedule off.
 */
export class BackupSchedule implements BackupStatusSource {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | null = null;
  private state: Omit<BackupStatus, 'dir' | 'intervalMinutes' | 'keep' | 'running'> = {
    lastSuccessAt: null,
    lastFile: null,
    lastFailureAt: null,
    lastError: null,
    failures: 0,
    skipped: 0,
    nextAt: null,
  };

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly config: BackupScheduleConfig,
    private readonly logger: Logger,
    private readonly timeoutMs = SCHEDULED_TIMEOUT_MS,
  ) {}

  /** Starts the timer (idempotent). */
  async start(): Promise<void> {
    if (this.timer) return;
    const newest = (await this.ownFiles().catch(() => []))[0];
    const stamp = newest === undefined ? null : SCHEDULED_BACKUP_NAME.exec(newest)?.[1];
    const last = stamp
      ? Date.parse(stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z$/, '$1-$2-$3T$4:$5:$6.$7Z'))
      : NaN;
    const interval = this.config.intervalMinutes * 60_000;
    this.schedule(Number.isNaN(last) ? 0 : Math.max(0, last + interval - Date.now()));
  }

  /** Stops the timer; a backup running now finishes (or fails with the closing driver). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.state.nextAt = null;
  }

  status(): BackupStatus {
    const { dir, intervalMinutes, keep } = this.config;
    return { dir, intervalMinutes, keep, running: this.running !== null, ...this.state };
  }

  /**
   * One backup now, unless one is running (then it is skipped and counted). Resolves true when it wrote a backup;
   * a failure is logged and counted, never thrown.
   */
  runOnce(): Promise<boolean> {
    if (this.running !== null) {
      this.state.skipped += 1;
      this.logger.warn({ dir: this.config.dir }, 'scheduled backup skipped: the previous one is still running');
      return Promise.resolve(false);
    }
    this.running = this.backup().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    this.state.nextAt = new Date(Date.now() + delayMs).toISOString();
    this.timer = setTimeout(() => {
      this.schedule(this.config.intervalMinutes * 60_000);
      void this.runOnce();
    }, delayMs);
    this.timer.unref();
  }

  private async backup(): Promise<boolean> {
    const file = path.join(this.config.dir, scheduledBackupName(new Date()));
    try {
      await mkdir(this.config.dir, { recursive: true });
      const summary = await backupGraph(this.driver, this.database, file, { timeoutMs: this.timeoutMs });
      this.state.lastSuccessAt = new Date().toISOString();
      this.state.lastFile = file;
      const removed = await this.prune();
      this.logger.info(
        { file, bytes: summary.fileBytes, ms: summary.ms, lockMs: summary.lockMs, removed },
        'scheduled backup written',
      );
      return true;
    } catch (error) {
      this.state.lastFailureAt = new Date().toISOString();
      this.state.lastError = (error as Error).message;
      this.state.failures += 1;
      this.logger.error({ err: error, file }, 'scheduled backup failed');
      return false;
    }
  }

  /** The schedule's own files in the folder, newest first. */
  private async ownFiles(): Promise<string[]> {
    const names = await readdir(this.config.dir);
    return names.filter((name) => SCHEDULED_BACKUP_NAME.test(name)).sort((a, b) => (a < b ? 1 : -1));
  }

  /** Deletes the oldest of its own files beyond `keep`; returns their names. */
  private async prune(): Promise<string[]> {
    const old = (await this.ownFiles()).slice(this.config.keep);
    for (const name of old) await rm(path.join(this.config.dir, name), { force: true });
    return old;
  }
}
