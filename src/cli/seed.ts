import { createInterface } from 'node:readline/promises';
import { databaseIsEmpty, loadSeed, resetDatabase } from '../../seed/loadSeed';
import { ConfigError, loadConfig } from '../config';
import { createDriver, LocalNeo4jError, migrate, resolveTarget } from '../db';
import { createLogger } from '../logger';

const USAGE = `usage: npm run seed -- [--scale N] [--reset] [--yes]
  --scale N   multiply the synthetic part (1 = a city of 11,000 firms, 10 = a province); default 1
  --reset     delete every domain node first (asks for confirmation unless --yes)
  --yes       do not ask`;

interface Args {
  scale: number;
  reset: boolean;
  yes: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scale: 1, reset: false, yes: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--reset') args.reset = true;
    else if (a === '--yes' || a === '-y') args.yes = true;
    else if (a === '--scale') {
      const v = argv[++i] ?? '';
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100)
        throw new Error(`--scale must be a whole number from 1 to 100, got '${v}'`);
      args.scale = Number(v);
    } else throw new Error(`unknown option '${a}'`);
  }
  return args;
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
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const target = await resolveTarget(config.neo4j, logger);
  const driver = createDriver(target);
  try {
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
    return 0;
  } finally {
    await driver.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof LocalNeo4jError || error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
