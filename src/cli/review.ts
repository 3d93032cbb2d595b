import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLogger } from '../logger';
import { runTargetReview } from '../resolvers';
import { argumentsOrExit, messageOf, runCommand } from './commandLine';
import { formatReview, REVIEW_FORMATS, type ReviewFormat } from './formatReview';
import { withDatabase } from './withDatabase';

const USAGE = `usage: npm run review -- --year YYYY [--region CODE] [--chain ID] [--format json|csv|md] [--out FILE]
exit codes: 0 every target met; 1 some target not met (or not computable); 2 error, including a year, region or
chain without targets (the message names the scopes that have some)`;

export interface ReviewArgs {
  help: boolean;
  year: number;
  region: string | null;
  chain: string | null;
  format: ReviewFormat;
  out: string | null;
}

/** Parses the command line (node:util parseArgs); throws an Error whose message names the option and what it accepts. */
export function parseReviewArgs(argv: string[]): ReviewArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      region: { type: 'string' },
      chain: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const help = values.help ?? false;
  const format = values.format ?? 'json';
  if (!(REVIEW_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`--format must be one of ${REVIEW_FORMATS.join(', ')}, got '${format}'`);
  }
  const common = { help, region: values.region ?? null, chain: values.chain ?? null, out: values.out ?? null };
  if (help) return { ...common, year: 0, format: format as ReviewFormat };
  if (values.year === undefined) throw new Error('--year is required');
  if (!/^\d{4}$/.test(values.year)) throw new Error(`--year must be a 4-digit year, got '${values.year}'`);
  return { ...common, year: Number(values.year), format: format as ReviewFormat };
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseReviewArgs, USAGE);
  if (typeof args === 'number') return args;
  return withDatabase({
    name: 'review',
    logger: () => createLogger('warn'),
    run: async ({ config, driver }) => {
      const review = await runTargetReview(
        driver,
        { database: config.database, timeoutMs: config.queryTimeoutMs },
        { year: args.year, regionCode: args.region, chainId: args.chain },
      );
      const text = formatReview(review, args.format);
      if (args.out) {
        writeFileSync(args.out, text);
        console.error(
          `written ${args.out}: ${review.met} met, ${review.notMet} not met, ${review.unavailable} unavailable`,
        );
      } else process.stdout.write(text);
      return review.allMet ? 0 : 1;
    },
  });
}

// An error (a year, region or chain without targets names the scopes that have some) exits 2, with the usage.
if (require.main === module) {
  runCommand(main, 'review', (error, name) => ({ print: `${name} failed: ${messageOf(error)}\n${USAGE}`, code: 2 }));
}
