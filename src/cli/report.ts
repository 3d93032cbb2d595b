import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { waitForAggregates } from '../aggregates';
import { principalOf } from '../auth';
import { DbHealth, migrate } from '../db';
import { ExportError } from '../export';
import { buildSchema } from '../graphql';
import { createLogger } from '../logger';
import { buildReport } from '../report';
import { createServer } from '../server';
import { argumentsOrExit, runCommand } from './commandLine';
import { type Database, withDatabase } from './withDatabase';

const USAGE = `usage: npm run report -- --year YYYY [--region CODE] [--chain ID] --out FILE.docx
  --year     the year of the review (it must have targets)
  --region   a region code (GB/T 2260) and/or --chain an industry chain id: the review of that scope only
  --out      the Word document to write (.docx), relative to the folder the command is run from
The document (年度目标考核报告): a summary written from the figures, the target table, the charts (targets, each
target's trend, counties ranked and mapped, the chain × county matrix) and each rule's gap list with its best
partner suggestion, and the data's date and source.
exit codes: 0 written; 2 usage error, or a year, region or chain the review refuses (the message names it)`;

export interface ReportArgs {
  help: boolean;
  year: number;
  region: string | null;
  chain: string | null;
  /** Absolute. */
  out: string;
}

/**
 * Parses the command line (node:util parseArgs); throws an Error naming the option and what it accepts. A relative
 * --out is taken from the folder the command was run in (npm sets INIT_CWD to it: `npm run` itself runs in the
 * project's root).
 */
export function parseReportArgs(argv: string[], cwd = process.env.INIT_CWD ?? process.cwd()): ReportArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      region: { type: 'string' },
      chain: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true, year: NaN, region: null, chain: null, out: '' };
  if (values.year === undefined || !/^\d{4}$/.test(values.year)) {
    throw new Error(`--year must be a 4-digit year, got ${values.year === undefined ? 'nothing' : `'${values.year}'`}`);
  }
  if (!values.out) throw new Error('--out FILE.docx is required');
  if (path.extname(values.out).toLowerCase() !== '.docx') {
    throw new Error(`--out must name a Word document ending in .docx, got '${values.out}'`);
  }
  return {
    help: false,
    year: Number(values.year),
    region: values.region ?? null,
    chain: values.chain ?? null,
    out: path.resolve(cwd, values.out),
  };
}

/**
 * The chain × county matrix is read from the maintained aggregates only: brings them up to date first (a catch-up or
 * a rebuild, what the API does by itself in the background), or, while another process (the API) rebuilds them,
 * waits for it, up to 10 minutes.
 */
async function aggregatesReady(driver: Database['driver'], database: string): Promise<void> {
  const { rebuild } = await waitForAggregates(driver, database, {
    maxMs: 600_000,
    everyMs: 2_000,
    onWait: (reason) => console.error(`maintained aggregates: not ready (${reason}); waiting`),
  });
  if (rebuild?.rebuilt) console.error(`maintained aggregates: rebuilt in ${(rebuild.ms / 1000).toFixed(1)} s`);
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseReportArgs, USAGE);
  if (typeof args === 'number') return args;
  return withDatabase({ name: 'report', logger: () => createLogger('warn'), run: (db) => writeReport(db, args) });
}

/** Writes the report `args` asks for from the open database; the command's exit code. */
async function writeReport({ config, driver, logger }: Database, args: ReportArgs): Promise<number> {
  const health = new DbHealth(driver, config.database);
  await migrate(driver, config.database);
  await aggregatesReady(driver, config.database);
  // The same server as the API's, never listening: the report's figures are GraphQL operations through its
  // pipeline, so they are the API's. The command's user has the database itself, so it runs as an admin.
  const built = await buildSchema(driver);
  const server = createServer({ config, driver, health, logger, ...built });
  await server.start();
  try {
    const principal = principalOf(`cli:${userInfo().username}`, ['admin'], 'local');
    const started = Date.now();
    const docx = await buildReport(server.runAs(principal, randomUUID()), {
      year: args.year,
      regionCode: args.region,
      chainId: args.chain,
    });
    writeFileSync(args.out, docx);
    console.log(`written ${args.out} (${Math.round(docx.length / 1024)} KiB, ${Date.now() - started} ms)`);
    return 0;
  } catch (error) {
    if (error instanceof ExportError) {
      console.error(`report refused: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await server.stop();
  }
}

// A database that cannot be reached, a file that cannot be written: the message says which (exit 2).
if (require.main === module) runCommand(main, 'report');
