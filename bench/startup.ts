/**
 * Start-up benchmark (a newcomer's first `npm start`): on a fresh clone of this repository (its committed HEAD),
 * after `npm ci` (timed on its own), runs `npm start` and times it from the command to `/health/ready` 200, split into
 * phases by the API's own log lines: npm and tsx (to the first line), the launcher build with Maven (when it runs),
 * the Neo4j start, the schema and listening, migrations, the demo-data load. Then again with Neo4j still running
 * and the data loaded (a warm restart), and once more after `npm run db:stop` (Neo4j stopped, launcher built). In
 * the same run, the floor: `java -version` plus `node -e 0`.
 *
 *   npx tsx bench/startup.ts
 *
 * Maven's cache (~/.m2) is whatever this machine has: warm after the first build here. Writes
 * bench/results/startup-<timestamp>.json; compare with bench/baseline/startup.json. Options:
 *
 *   --worktree        copy this working tree (tracked and untracked files git does not ignore), not HEAD: measures
 *                     changes not committed yet
 *   --link-modules    link this checkout's node_modules instead of `npm ci` (npmCiMs is then null)
 *   --build-launcher  the clone's npm start runs with HOME set to an empty folder, so the launcher cache
 *                     (~/.cache/innovation-graph) misses and Maven builds it; Maven still finds ~/.m2, since Java
 *                     takes user.home from the password database, not from HOME
 *   --cold-only       only the first start (no warm restart, no start with Neo4j stopped)
 *
 * "Ready" is both /health/ready 200 and the log line saying the maintained aggregates are ready (a first start
 * builds them after the demo load): a newcomer's first metric query reads them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/db';
import { fromRoot } from '../src/paths';
import { run, writeResults } from './harness';

interface LogLine {
  time: number;
  msg: string;
}

const timed = (command: string, args: string[], cwd?: string): number => {
  const started = Date.now();
  execFileSync(command, args, { cwd, stdio: 'ignore' });
  return Date.now() - started;
};

const flag = (name: string): boolean => process.argv.includes(`--${name}`);

/** Copies the files of this working tree that git tracks or would track (so uncommitted changes are measured). */
function copyWorktree(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: fromRoot(),
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f !== '');
  for (const file of files) {
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    try {
      cpSync(fromRoot(file), path.join(to, file));
    } catch {
      // A file deleted in the working tree but still tracked: absent from the copy, as from the tree.
    }
  }
}

/**
 * Runs `npm start` in `dir` until /health/ready answers 200 and the maintained aggregates are ready (or `untilAggregates`
 * is false); returns the log lines and the ready time.
 */
async function start(
  dir: string,
  env: Record<string, string>,
  untilAggregates: boolean,
): Promise<{ started: number; ready: number; lines: LogLine[]; stop: () => Promise<void> }> {
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: LogLine[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        const parsed = JSON.parse(line) as { time?: number; msg?: string };
        if (typeof parsed.time === 'number') lines.push({ time: parsed.time, msg: String(parsed.msg ?? '') });
      } catch {
        // npm's own lines: not the API's.
      }
    }
  });
  const url = `http://127.0.0.1:${env.PORT}/health/ready`;
  const aggregatesReady = () => !untilAggregates || lines.some((l) => /^maintained aggregates: ready/.test(l.msg));
  let healthReady = false;
  for (;;) {
    if (Date.now() - started > 600_000) {
      process.kill(-(child.pid as number), 'SIGTERM');
      throw new Error(`not ready within 10 minutes; the last log line: ${lines[lines.length - 1]?.msg ?? 'none'}`);
    }
    if (!healthReady) {
      try {
        healthReady = (await fetch(url)).status === 200;
      } catch {
        // Not listening yet.
      }
    }
    if (healthReady && aggregatesReady()) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ready = Date.now();
  const stop = async () => {
    process.kill(-(child.pid as number), 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  return { started, ready, lines, stop };
}

/** The phases of one start, in ms, from the log lines (a phase absent from the log is 0). */
function phases(run: { started: number; ready: number; lines: LogLine[] }): Record<string, number> {
  const at = (pattern: RegExp) => run.lines.find((l) => pattern.test(l.msg))?.time;
  const first = run.lines[0]?.time ?? run.ready;
  const buildStart = at(/^building the local Neo4j launcher/);
  const buildDone = at(/^local Neo4j launcher built/);
  const neoStart = at(/^starting the local Neo4j|^reusing the local Neo4j/) ?? first;
  const neoReady = at(/^local Neo4j ready|^reusing the local Neo4j/) ?? neoStart;
  const listening = at(/^API listening/) ?? neoReady;
  const seedStart = at(/^empty database: loading the demo city/);
  const seedDone = at(/^empty database: demo data loaded/);
  const prepared = at(/^ready: API/);
  const aggregatesStart = at(/^maintained aggregates: (bringing them back|building them)/);
  const aggregatesDone = at(/^maintained aggregates: ready/);
  const build = buildStart && buildDone ? buildDone - buildStart : 0;
  return {
    npmAndTsx: first - run.started,
    launcherBuild: build,
    neo4jStart: neoReady - neoStart - build,
    schemaAndListen: listening - neoReady,
    migrations: (seedStart ?? prepared ?? run.ready) - listening,
    demoLoad: seedStart && seedDone ? seedDone - seedStart : 0,
    afterLoad: seedDone ? (prepared ?? run.ready) - seedDone : 0,
    aggregates: aggregatesStart && aggregatesDone ? aggregatesDone - aggregatesStart : 0,
    healthReady: (prepared ?? run.ready) - run.started,
    total: run.ready - run.started,
  };
}

async function main(): Promise<void> {
  const floor = timed('java', ['-version']) + timed(process.execPath, ['-e', '0']);
  const root = mkdtempSync(path.join(os.tmpdir(), 'ig-startup-'));
  const dir = path.join(root, 'repo');
  try {
    if (flag('worktree')) copyWorktree(dir);
    else execFileSync('git', ['clone', '-q', fromRoot(), dir]);
    let npmCi: number | null = null;
    if (flag('link-modules')) symlinkSync(fromRoot('node_modules'), path.join(dir, 'node_modules'), 'dir');
    else npmCi = timed('npm', ['ci', '--no-audit', '--no-fund'], dir);
    const env: Record<string, string> = {
      PORT: String(await freePort()),
      NEO4J_LOCAL_PORT: String(await freePort()),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    if (flag('build-launcher')) {
      env.HOME = path.join(root, 'home');
      mkdirSync(env.HOME);
    }
    const cold = await start(dir, env, true);
    await cold.stop();
    let more: Record<string, unknown> = {};
    const ratios: Record<string, number> = {
      coldOverFloor: Math.round(((cold.ready - cold.started) / floor) * 10) / 10,
    };
    if (!flag('cold-only')) {
      const warm = await start(dir, env, false);
      await warm.stop();
      execFileSync('npm', ['run', 'db:stop'], { cwd: dir, stdio: 'ignore', env: { ...process.env, ...env } });
      const stopped = await start(dir, env, false);
      await stopped.stop();
      more = {
        warm: phases(warm),
        neo4jStopped: phases(stopped),
      };
      ratios.warmOverFloor = Math.round(((warm.ready - warm.started) / floor) * 10) / 10;
    }
    execFileSync('npm', ['run', 'db:stop'], { cwd: dir, stdio: 'ignore', env: { ...process.env, ...env } });
    const results = {
      options: process.argv.slice(2),
      floorMs: floor,
      npmCiMs: npmCi,
      cold: phases(cold),
      ...more,
      ratios,
    };
    console.log(JSON.stringify(results, null, 2));
    writeResults('startup', results);
  } finally {
    try {
      execFileSync('npm', ['run', 'db:stop'], { cwd: dir, stdio: 'ignore' });
    } catch {
      // Already stopped.
    }
    rmSync(root, { recursive: true, force: true });
  }
}

run(main);
