import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { principalOf } from '../auth';
import { DbHealth, migrate } from '../db';
import { ExportError, exportableGaps, exportGap, exportReview, latestReportYear, toCsv, toXlsx } from '../export';
import { buildSchema } from '../graphql';
import { createLogger } from '../logger';
import { createServer } from '../server';
import { argumentsOrExit, runCommand } from './commandLine';
import { type Database, withDatabase } from './withDatabase';

const USAGE = `usage: npm run export -- (--gap NAME | --review) [--year YYYY] [--region CODE] [--chain ID]
         --format xlsx|csv --out FILE
  --gap      a gap list (enterprisesWithoutRdInstitution, …, fourHavesCoverage; --list shows them all)
  --review   the target review of --year (required then)
  --year     the year (gap lists that compare a report year default to the latest year with reports)
  --region   a region code (GB/T 2260), --chain an industry chain id, where the list takes them
  --format   xlsx (Chinese headers, units in the header, frozen header row, numbers as numbers) or csv (UTF-8 BOM)
  --list     print the gap lists that can be exported
exit codes: 0 written; 2 usage error, or an option the list refuses (the message names it)`;

export interface ExportArgs {
  help: boolean;
  list: boolean;
  gap: string | null;
  review: boolean;
  year: number | null;
  region: string | null;
  chain: string | null;
  format: 'xlsx' | 'csv';
  out: string | null;
}

/** Parses the command line (node:util parseArgs); throws an Error naming the option and what it accepts. */
export function parseExportArgs(argv: string[]): ExportArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      gap: { type: 'string' },
      review: { type: 'boolean', default: false },
      year: { type: 'string' },
      region: { type: 'string' },
      chain: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = values.format ?? (values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') throw new Error(`--format must be xlsx or csv, got '${format}'`);
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) {
    throw new Error(`--year must be a 4-digit year, got '${values.year}'`);
  }
  const args: ExportArgs = {
    help: values.help ?? false,
    list: values.list ?? false,
    gap: values.gap ?? null,
    review: values.review ?? false,
    year: values.year === undefined ? null : Number(values.year),
    region: values.region ?? null,
    chain: values.chain ?? null,
    format,
    out: values.out ?? null,
  };
  if (args.help || args.list) return args;
  if ((args.gap === null) === !args.review) throw new Error('give --gap NAME or --review (one of them)');
  if (args.review && args.year === null) throw new Error('--review needs --year');
  if (!args.out) throw new Error('--out FILE is required');
  return args;
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseExportArgs, USAGE);
  if (typeof args === 'number') return args;
  return withDatabase({ name: 'export', logger: () => createLogger('warn'), run: (db) => exportTable(db, args) });
}

/** Writes the table `args` name from the open database, or lists the gap lists; the command's exit code. */
async function exportTable({ config, driver, logger }: Database, args: ExportArgs): Promise<number> {
  const health = new DbHealth(driver, config.database);
  await migrate(driver, config.database);
  // The same server as the API's, never listening: the export runs as GraphQL operations through its pipeline, so
  // its numbers are the API's. The command's user has the database itself, so it runs as an admin.
  const built = await buildSchema(driver);
  if (args.list) {
    console.log(exportableGaps(built.schema, built.guardedFields).join('\n'));
    return 0;
  }
  const server = createServer({ config, driver, health, logger, ...built });
  await server.start();
  try {
    const principal = principalOf(`cli:${userInfo().username}`, ['admin'], 'local');
    const run = server.runAs(principal, randomUUID());
    const filters = { year: args.year, regionCode: args.region, chainId: args.chain };
    const table = args.review
      ? await exportReview(run, filters)
      : await exportGap(run, built.schema, built.guardedFields, args.gap as string, filters, () =>
          latestReportYear(driver, config.database),
        );
    writeFileSync(args.out as string, args.format === 'xlsx' ? await toXlsx(table) : toCsv(table));
    console.log(`written ${args.out}: ${table.rows.length} rows (${table.name})`);
    return 0;
  } catch (error) {
    if (error instanceof ExportError) {
      console.error(`export refused: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await server.stop();
  }
}

// A file or batch that cannot be used, or a database that cannot be reached: the message says which (exit 2).
if (require.main === module) runCommand(main, 'export');
