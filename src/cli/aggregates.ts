import { parseArgs } from 'node:util';
import { checkAggregates, dataYears } from '../queries';
import { aggregatesMode, rebuildAggregates } from '../aggregates';
import { readTx, migrate } from '../db';
import { argumentsOrExit, runCommand } from './commandLine';
import { type Database, withDatabase } from './withDatabase';

const USAGE = `usage: npm run aggregates -- (--rebuild | --check | --status)
  --rebuild   build the maintained aggregates from the graph (the API keeps serving; reads are live meanwhile)
  --check     compare every metric's counters with its live statement: every data year, the whole graph and each
              region and chain on its own (exit 1 on a difference, listing it)
  --status    print the aggregates' state: ready, building, stale, or never built
  --help, -h  this text
exit codes: 0 done (or all equal); 1 a difference, or not ready; 2 usage error or failure`;

interface Args {
  help: boolean;
  action: 'rebuild' | 'check' | 'status';
}

/** Parses the command line (node:util parseArgs); throws an Error naming what is wrong. */
export function parseAggregatesArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      rebuild: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const actions = (['rebuild', 'check', 'status'] as const).filter((a) => values[a]);
  if (values.help) return { help: true, action: 'status' };
  if (actions.length !== 1) throw new Error('give exactly one of --rebuild, --check, --status');
  return { help: false, action: actions[0] as Args['action'] };
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseAggregatesArgs, USAGE);
  if (typeof args === 'number') return args;
  return withDatabase({ name: 'aggregates', run: (db) => aggregates(db, args.action) });
}

/** Does `action` on the open database; the command's exit code. */
async function aggregates({ config, driver }: Database, action: Args['action']): Promise<number> {
  await migrate(driver, config.database);
  if (action === 'status') {
    console.log((await aggregatesMode(driver, config.database)) ?? 'never built');
    return 0;
  }
  if (action === 'rebuild') {
    let shown = -1;
    const result = await rebuildAggregates(driver, config.database, (done, total) => {
      const decile = Math.floor((done / total) * 10);
      if (decile === shown) return;
      shown = decile;
      console.error(`[aggregates] ${done.toLocaleString()}/${total.toLocaleString()} subjects`);
    });
    if (!result.rebuilt) {
      console.error(`not rebuilt: ${result.reason ?? 'unknown'}`);
      return 1;
    }
    console.log(`rebuilt: ${result.subjects.toLocaleString()} subjects in ${(result.ms / 1000).toFixed(1)} s`);
    return 0;
  }
  const mismatches = await readTx(driver, { database: config.database }, async (tx) => {
    const years = await dataYears(tx);
    if (years === null) return [];
    const regions = (await tx.run('MATCH (r:Region) RETURN r.code AS code ORDER BY code')).records.map(
      (r) => r.get('code') as string,
    );
    const chains = (await tx.run('MATCH (c:IndustryChain) RETURN c.id AS id ORDER BY id')).records.map(
      (r) => r.get('id') as string,
    );
    const all: Awaited<ReturnType<typeof checkAggregates>> = [];
    for (let year = years.first; year <= years.last; year++) {
      for (const scope of [
        { regions: [null], chains: [null, ...chains] },
        { regions: regions, chains: [null] },
      ]) {
        const found = await checkAggregates(tx, { years: [year], ...scope });
        if (found === null) return null;
        all.push(...found);
      }
    }
    return all;
  });
  if (mismatches === null) {
    console.error(`not ready (${(await aggregatesMode(driver, config.database)) ?? 'never built'}): nothing to check`);
    return 1;
  }
  for (const m of mismatches) console.log(JSON.stringify(m));
  console.log(mismatches.length === 0 ? 'every counter equals its live statement' : `${mismatches.length} differ`);
  return mismatches.length === 0 ? 0 : 1;
}

if (require.main === module) runCommand(main, 'aggregates');
