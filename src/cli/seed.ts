import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { databaseIsEmpty, loadSeed, resetDatabase } from '../../seed/loadSeed';
import { argumentsOrExit, runCommand } from './commandLine';
import { migrate } from '../db';
import { rebuildAggregates } from '../aggregates';
import { type Database, messageOrStack, withDatabase } from './withDatabase';

const USAGE = `usage: npm run seed -- [--scale N] [--reset] [--yes]
  --scale N   multiply the synthetic part (1 = a city of 11,000 firms, 10 = a province); default 1
  --reset     delete every domain node first (asks for confirmation unless --yes)
  --yes, -y   do not ask
  --help, -h  this text
exit codes: 0 loaded; 1 not confirmed or failed; 2 usage error`;

interface Args {
  help: boolean;
  scale: number;
  reset: boolean;
  yes: boolean;
}

/** Parses the command line (node:util parseArgs); throws an Error naming the option and what it accepts. */
export function parseSeedArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: '1' },
      reset: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const scale = values.scale ?? '1';
  if (!/^\d+$/.test(scale) || Number(scale) < 1 || Number(scale) > 100) {
    throw new Error(`--scale must be a whole number from 1 to 100, got '${scale}'`);
  }
  return { help: values.help ?? false, scale: Number(scale), reset: values.reset ?? false, yes: values.yes ?? false };
}

/** A one-line progress bar on a terminal; a line every 10% otherwise (CI logs). */
function progressPrinter(): (done: number, total: number, what: string) => void {
  const started = Date.now();
  let lastDecile = -1;
  return (done, total, what) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const left = (total - done) / Math.max(rate, 1);
    const pct = Math.floor((done / total) * 100);
    const width = 30;
    const bar = '█'.repeat(Math.round((pct / 100) * width)).padEnd(width, '░');
    const line = `[seed] ${bar} ${pct}% ${done.toLocaleString()}/${total.toLocaleString()} · ${Math.round(rate).toLocaleString()}/s · ~${Math.ceil(left)} s left · ${what}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(120)}${done === total ? '\n' : ''}`);
    else if (Math.floor(pct / 10) !== lastDecile || done === total) {
      lastDecile = Math.floor(pct / 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(question);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseSeedArgs, USAGE);
  if (typeof args === 'number') return args;
  return withDatabase({ name: 'seed', run: (db) => seed(db, args) });
}

/** Loads the demo data into the open database (after a reset when asked); the command's exit code. */
async function seed({ config, target, driver }: Database, args: Args): Promise<number> {
  await migrate(driver, config.database);
  if (args.reset) {
    const where = `${target.uri} (database ${config.database})`;
    if (!args.yes && !(await confirm(`Delete every node in ${where}? [y/N] `))) {
      console.error('not reset (pass --yes to skip the question when there is no terminal)');
      return 1;
    }
    await resetDatabase(driver, config.database);
    console.error(`[seed] reset ${where}`);
  } else if (!(await databaseIsEmpty(driver, config.database))) {
    console.error('[seed] the database already holds data: updating it in place (MERGE on id)');
  }
  const summary = await loadSeed(driver, config.database, { scale: args.scale, progress: progressPrinter() });
  console.log(
    `seeded scale ${summary.scale}: ${summary.nodes.toLocaleString()} nodes, ${summary.relationships.toLocaleString()} relationships in ${(summary.ms / 1000).toFixed(1)} s (${summary.rate.toLocaleString()} items/s)`,
  );
  const rebuilt = await rebuildAggregates(driver, config.database);
  console.log(
    rebuilt.rebuilt
      ? `maintained aggregates rebuilt: ${rebuilt.subjects.toLocaleString()} subjects in ${(rebuilt.ms / 1000).toFixed(1)} s`
      : `maintained aggregates not rebuilt (${rebuilt.reason ?? 'unknown'}): run npm run aggregates -- --rebuild`,
  );
  return 0;
}

if (require.main === module) runCommand(main, 'seed', messageOrStack);
