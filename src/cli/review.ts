import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { createDriver, resolveTarget } from '../db';
import { createLogger } from '../logger';
import { runTargetReview } from '../resolvers/targets';
import { formatReview, REVIEW_FORMATS, type ReviewFormat } from './formatReview';

const USAGE = `usage: npm run review -- --year YYYY [--region CODE] [--chain ID] [--format json|csv|md] [--out FILE]
exit codes: 0 every target met; 1 some target not met (or not computable); 2 error`;

export interface ReviewArgs {
  year: number;
  region: string | null;
  chain: string | null;
  format: ReviewFormat;
  out: string | null;
}

/** Parses the command line; throws an Error whose message names the option and what it accepts. */
export function parseReviewArgs(argv: string[]): ReviewArgs {
  const args: Partial<ReviewArgs> = { region: null, chain: null, format: 'json', out: null };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
    i++;
    if (name === '--year') {
      if (!/^\d{4}$/.test(value)) throw new Error(`--year must be a 4-digit year, got '${value}'`);
      args.year = Number(value);
    } else if (name === '--region') args.region = value;
    else if (name === '--chain') args.chain = value;
    else if (name === '--format') {
      if (!(REVIEW_FORMATS as readonly string[]).includes(value)) {
        throw new Error(`--format must be one of ${REVIEW_FORMATS.join(', ')}, got '${value}'`);
      }
      args.format = value as ReviewFormat;
    } else if (name === '--out') args.out = value;
    else throw new Error(`unknown option '${name}'`);
  }
  if (args.year === undefined) throw new Error('--year is required');
  return args as ReviewArgs;
}

async function main(): Promise<number> {
  const args = parseReviewArgs(process.argv.slice(2));
  const config = loadConfig(process.env);
  const logger = createLogger('warn');
  const target = await resolveTarget(config.neo4j, logger);
  const driver = createDriver(target);
  try {
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
  } finally {
    await driver.close();
  }
}

if (require.main === module) {
  main()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`review failed: ${message}\n${USAGE}`);
      process.exit(2);
    });
}
