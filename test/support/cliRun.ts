import { spawn } from 'node:child_process';
import { fromRoot } from '../../src/paths';

/** Where a CLI finds its Neo4j: NEO4J_URI and NEO4J_PASSWORD of a throw-away instance. */
export interface CliTarget {
  uri: string;
  password: string;
}

/**
 * Starts `src/cli/<name>.ts` through tsx in its own process group (tsx runs the command in a child process: killing
 * the group kills both), with stdin closed (no terminal), against `target`.
 */
export function startCli(name: string, args: string[], target: CliTarget) {
  const child = spawn(
    process.execPath,
    [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('src', 'cli', `${name}.ts`), ...args],
    {
      cwd: fromRoot(),
      env: { ...process.env, NEO4J_URI: target.uri, NEO4J_PASSWORD: target.password, LOG_LEVEL: 'warn' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited, output: () => stdout };
}

/** Runs a CLI to its end: its exit code and output. */
export function runCli(name: string, args: string[], target: CliTarget) {
  return startCli(name, args, target).exited;
}
