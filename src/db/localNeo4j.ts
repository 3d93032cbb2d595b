import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../paths';

/** What the launcher reports on its NEO4J_READY line, and the login it made (never written to its log). */
export interface LocalNeo4jInfo {
  uri: string;
  version: string;
  pid: number;
  startMs: number;
  home: string;
  /** Always `neo4j`. */
  user: string;
  /** From `<home>/password`, which the launcher makes at the first start of a data folder (owner-only). */
  password: string;
}

export interface LocalNeo4jOptions {
  /** Neo4j home: data, logs and the pid/state files live here. */
  home: string;
  port: number;
  heapMb?: number;
  pageCacheMb?: number;
  txTimeoutSeconds?: number;
  /** How long to wait for the ready line before giving up (and stopping what was started). */
  startTimeoutMs?: number;
  /**
   * Called when the launcher is built with Maven (only when it is not built yet): before, and after it succeeded; or
   * once, `restored`, when the same build was copied from the machine's cache.
   */
  onBuild?: (phase: 'start' | 'done' | 'restored') => void;
}

/** A problem a user can fix (missing Java, busy port…): the message says what and how. */
export class LocalNeo4jError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

const LAUNCHER_DIR = fromRoot('tools', 'neo4j');
const TARGET = path.join(LAUNCHER_DIR, 'target');
const MAIN_CLASS = 'org.innovationgraph.neo4j.LocalNeo4j';
// The packaged Neo4j server starts its JVM with these; without the java.nio one Neo4j fails on DirectByteBuffer.
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
];

const stateFile = (home: string): string => path.join(home, 'launcher.json');
/** The data folder's password file (tools/neo4j LocalNeo4j.passwordOf makes it). */
export const passwordFile = (home: string): string => path.join(home, 'password');

/** The login of the local Neo4j of `home`: the user `neo4j` and the password the launcher keeps in its data folder. */
export function localLogin(home: string): { user: string; password: string } {
  try {
    return { user: 'neo4j', password: readFileSync(passwordFile(home), 'utf8').trim() };
  } catch (error) {
    throw new LocalNeo4jError(
      `cannot read the local Neo4j's password from ${passwordFile(home)} (${(error as Error).message}); the ` +
        'launcher makes it at start: start the database with the same user that runs this command',
    );
  }
}
const logFile = (home: string): string => path.join(home, 'launcher.log');

/** True when the launcher classes, its runtime classpath and the APOC plugin are all built. */
export function launcherIsBuilt(): boolean {
  return (
    existsSync(path.join(TARGET, 'classes', 'org', 'innovationgraph', 'neo4j', 'LocalNeo4j.class')) &&
    existsSync(path.join(TARGET, 'lib')) &&
    existsSync(path.join(TARGET, 'plugins'))
  );
}

/** Checks that `java` 17+ is on PATH; throws a LocalNeo4jError naming the fix otherwise. */
export function checkJava(): number {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error) {
    throw new LocalNeo4jError(
      'Java was not found on PATH. Neo4j 5.26 needs Java 17 or 21: install a JDK (for example ' +
        '`apt-get install openjdk-17-jdk-headless`), or point NEO4J_URI at a running Neo4j instead.',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(out.stderr + out.stdout);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!(major >= 17)) {
    throw new LocalNeo4jError(`Java ${match?.[1] ?? '?'} was found, but Neo4j 5.26 needs Java 17 or 21.`);
  }
  return major;
}

/** Terminal colour codes (ESC [ … m), removed from Maven's output before it is shown in an error. */
const COLOUR_CODES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** What a build of the launcher is made of: its classes, its runtime jars and the APOC plugin. */
const BUILT = ['classes', 'lib', 'plugins'];

/**
 * Where a built launcher is kept for the next clone on this machine (~/.cache/innovation-graph), by a hash of its
 * sources (pom.xml and src/): a fresh clone copies it (about 1 s) instead of running Maven (about 8 s even with a
 * warm ~/.m2, longer with a cold one). Another version of the sources has another hash, so it is never stale.
 */
export function launcherCacheDir(): string {
  const hash = createHash('sha256');
  const files = [
    'pom.xml',
    ...readdirSync(path.join(LAUNCHER_DIR, 'src'), { recursive: true, encoding: 'utf8' }).map((f) =>
      path.join('src', f),
    ),
  ].sort();
  for (const file of files) {
    const full = path.join(LAUNCHER_DIR, file);
    if (!statSync(full).isFile()) continue;
    hash.update(file);
    hash.update(readFileSync(full));
  }
  return path.join(os.homedir(), '.cache', 'innovation-graph', `launcher-${hash.digest('hex').slice(0, 16)}`);
}

/**
 * Builds the launcher with Maven (the first time fetches Neo4j and APOC from Maven Central; later runs reuse
 * ~/.m2), or restores the same build from {@link launcherCacheDir}. Does nothing when already built unless `force`.
 * Maven's output is shown with `quiet: false` (`npm run db:build`), otherwise only when the build fails.
 */
export function buildLauncher(
  options: { force?: boolean; quiet?: boolean; onBuild?: (phase: 'start' | 'done' | 'restored') => void } = {},
): void {
  if (!options.force && launcherIsBuilt()) return;
  const cache = launcherCacheDir();
  if (!options.force && existsSync(path.join(cache, 'complete'))) {
    for (const part of BUILT) cpSync(path.join(cache, part), path.join(TARGET, part), { recursive: true });
    if (launcherIsBuilt()) {
      options.onBuild?.('restored');
      return;
    }
  }
  checkJava();
  options.onBuild?.('start');
  // The goals the launcher needs, not the `package` lifecycle: no resources, test or jar steps (it runs from
  // target/classes and has no tests). With MAVEN_OPTS below, a build with a warm ~/.m2 takes 60 % less CPU.
  const args = [
    '-B',
    '-Dstyle.color=never',
    '-f',
    path.join(LAUNCHER_DIR, 'pom.xml'),
    'compiler:compile',
    'dependency:copy-dependencies@runtime-classpath',
    'dependency:copy-dependencies@apoc-plugin',
  ];
  const quiet = options.quiet !== false;
  if (quiet) args.splice(1, 0, '-q');
  // Quiet, Maven's output is kept, not shown: even with -q and style.color=never, Maven 3.8 writes bare colour
  // resets (ESC[0m) that would land in the API's log lines.
  // Maven is a short-lived JVM: the C1 compiler alone and the serial collector halve its CPU time (a user's own
  // MAVEN_OPTS come after, so they win).
  const mavenOpts = `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${process.env.MAVEN_OPTS ?? ''}`.trim();
  const out = spawnSync('mvn', args, {
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, MAVEN_OPTS: mavenOpts },
  });
  if (out.error) {
    throw new LocalNeo4jError(
      'Maven (`mvn`) was not found on PATH; it builds the local Neo4j launcher the first time. Install it ' +
        '(`apt-get install maven`), or point NEO4J_URI at a running Neo4j instead.',
    );
  }
  if (out.status !== 0 || !launcherIsBuilt()) {
    const shown = quiet
      ? `:\n${`${out.stdout ?? ''}${out.stderr ?? ''}`
          .replace(COLOUR_CODES, '')
          .trim()
          .split('\n')
          .slice(-40)
          .join('\n')}`
      : '; see the output above';
    throw new LocalNeo4jError(`building the Neo4j launcher failed (mvn exit ${out.status})${shown}`);
  }
  options.onBuild?.('done');
  try {
    rmSync(cache, { recursive: true, force: true });
    for (const part of BUILT) cpSync(path.join(TARGET, part), path.join(cache, part), { recursive: true });
    writeFileSync(path.join(cache, 'complete'), new Date().toISOString());
  } catch {
    // A cache that cannot be written (a read-only home) only costs the next clone a Maven build.
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portIsOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A port the OS reports free right now (there is a small race until it is bound, acceptable for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running launcher recorded in `home`, or undefined when none is (a stale state file is removed). */
export function readRunning(home: string): LocalNeo4jInfo | undefined {
  const file = stateFile(home);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as Omit<LocalNeo4jInfo, 'user' | 'password'>;
    if (processIsAlive(info.pid)) return { ...info, ...localLogin(home) };
  } catch {
    // unreadable state: treat as not running
  }
  rmSync(file, { force: true });
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts Neo4j in a detached JVM whose output goes to `<home>/launcher.log`, and resolves once it prints its
 * ready line. The JVM outlives this process; stop it with {@link stopLocalNeo4j}. On any failure nothing is
 * left running.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4jInfo> {
  const home = path.resolve(options.home);
  const running = readRunning(home);
  if (running) {
    throw new LocalNeo4jError(`a local Neo4j already runs on ${running.uri} (pid ${running.pid}) for ${home}`);
  }
  if (await portIsOpen(options.port)) {
    throw new LocalNeo4jError(
      `port ${options.port} on 127.0.0.1 is already in use, so Neo4j cannot listen there. Stop what holds it ` +
        `(\`npm run db:status\`, \`ss -ltnp 'sport = :${options.port}'\`) or set NEO4J_LOCAL_PORT to another port.`,
    );
  }
  checkJava();
  buildLauncher({ onBuild: options.onBuild });
  mkdirSync(home, { recursive: true });
  const log = logFile(home);
  writeFileSync(log, '');
  const fd = openSync(log, 'a');
  const sep = process.platform === 'win32' ? ';' : ':';
  const classpath = [path.join(TARGET, 'classes'), path.join(TARGET, 'lib', '*'), path.join(TARGET, 'plugins', '*')];
  const child = spawn(
    'java',
    [
      `-Xms${Math.min(options.heapMb ?? 1024, 512)}m`,
      `-Xmx${options.heapMb ?? 1024}m`,
      ...JVM_FLAGS,
      '-cp',
      classpath.join(sep),
      MAIN_CLASS,
      '--home',
      home,
      '--port',
      String(options.port),
      '--plugins',
      path.join(TARGET, 'plugins'),
      '--page-cache-mb',
      String(options.pageCacheMb ?? 512),
      '--tx-timeout-s',
      String(options.txTimeoutSeconds ?? 60),
    ],
    { detached: true, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new LocalNeo4jError('could not start java');

  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    const text = readFileSync(log, 'utf8');
    const ready = /^NEO4J_READY (\{.*\})$/m.exec(text);
    if (ready?.[1]) {
      const info = JSON.parse(ready[1]) as Omit<LocalNeo4jInfo, 'user' | 'password'>;
      writeFileSync(stateFile(home), JSON.stringify(info, null, 2));
      return { ...info, ...localLogin(home) };
    }
    const failed = /^NEO4J_FAILED (.*)$/m.exec(text);
    if (failed || !processIsAlive(pid)) {
      await waitForExit(pid, 10_000);
      throw new LocalNeo4jError(`Neo4j did not start: ${failed?.[1] ?? `the JVM exited; see ${log}`}`);
    }
    await sleep(100);
  }
  await stopPid(pid);
  throw new LocalNeo4jError(`Neo4j did not report ready within ${options.startTimeoutMs ?? 180_000} ms; see ${log}`);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processIsAlive(pid)) return true;
    await sleep(100);
  }
  return !processIsAlive(pid);
}

/** SIGTERM, then wait for the shutdown hook to close the store; SIGKILL only as a last resort. */
async function stopPid(pid: number, timeoutMs = 60_000): Promise<'stopped' | 'killed'> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'stopped';
  }
  if (await waitForExit(pid, timeoutMs)) return 'stopped';
  process.kill(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
  return 'killed';
}

/** Stops the launcher recorded in `home`; resolves false when none was running. */
export async function stopLocalNeo4j(home: string): Promise<boolean> {
  const dir = path.resolve(home);
  const running = readRunning(dir);
  if (!running) return false;
  const how = await stopPid(running.pid);
  rmSync(stateFile(dir), { force: true });
  if (how === 'killed') {
    throw new LocalNeo4jError(`Neo4j (pid ${running.pid}) did not stop within 60 s and was killed`);
  }
  return true;
}
