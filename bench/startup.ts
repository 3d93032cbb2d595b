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
 * bench/results/startup-<timestamp>.json; compare with bench/baseline/startup.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** Runs `npm start` in `dir` until /health/ready answers 200; returns the log lines and the ready time. */
async function start(
  dir: string,
  env: Record<string, string>,
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
  for (;;) {
    if (Date.now() - started > 600_000) throw new Error('no /health/ready 200 within 10 minutes');
    try {
      if ((await fetch(url)).status === 200) break;
    } catch {
      // Not listening yet.
    }
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
  const build = buildStart && buildDone ? buildDone - buildStart : 0;
  return {
    npmAndTsx: first - run.started,
    launcherBuild: build,
    neo4jStart: neoReady - neoStart - build,
    schemaAndListen: listening - neoReady,
    migrations: (seedStart ?? run.ready) - listening,
    demoLoad: seedStart && seedDone ? seedDone - seedStart : 0,
    afterLoad: seedDone ? run.ready - seedDone : 0,
    total: run.ready - run.started,
  };
}

async function main(): Promise<void> {
  const floor = timed('java', ['-version']) + timed(process.execPath, ['-e', '0']);
  const root = mkdtempSync(path.join(os.tmpdir(), 'ig-startup-'));
  const dir = path.join(root, 'repo');
  try {
    execFileSync('git', ['clone', '-q', fromRoot(), dir]);
    const npmCi = timed('npm', ['ci', '--no-audit', '--no-fund'], dir);
    const env = {
      PORT: String(await freePort()),
      NEO4J_LOCAL_PORT: String(await freePort()),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    const cold = await start(dir, env);
    await cold.stop();
    const warm = await start(dir, env);
    await warm.stop();
    execFileSync('npm', ['run', 'db:stop'], { cwd: dir, stdio: 'ignore', env: { ...process.env, ...env } });
    const stopped = await start(dir, env);
    await stopped.stop();
    execFileSync('npm', ['run', 'db:stop'], { cwd: dir, stdio: 'ignore', env: { ...process.env, ...env } });
    const results = {
      floorMs: floor,
      npmCiMs: npmCi,
      cold: phases(cold),
      warm: phases(warm),
      neo4jStopped: phases(stopped),
      ratios: {
        coldOverFloor: Math.round(((cold.ready - cold.started) / floor) * 10) / 10,
        warmOverFloor: Math.round(((warm.ready - warm.started) / floor) * 10) / 10,
      },
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
