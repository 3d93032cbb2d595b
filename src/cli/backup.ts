import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupGraph } from '../backup';
import { argumentsOrExit, oneLineFailure, runCommand } from './commandLine';
import { withDatabase } from './withDatabase';

const USAGE = `usage: npm run backup -- --out FILE [--timeout-s N]
  --out FILE       where to write the backup (gzip, docs/backup-format.md); written as FILE.partial and renamed at
                   the end, so FILE is whole or absent
  --timeout-s N    the longest the backup may hold writes off (every write waits while it runs); default 300
  --help, -h       this text
The graph is read at one commit point while the API keeps serving (writes wait for the backup, reads do not).
exit codes: 0 written; 1 refused (timed out, a restore in progress, an unmigrated database); 2 usage error or failure`;

interface Args {
  help: boolean;
  out: string;
  timeoutS: number;
}

/** Parses the command line (node:util parseArgs); throws an Error naming the option and what it accepts. */
export function parseBackupArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      'timeout-s': { type: 'string', default: '300' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true, out: '', timeoutS: 0 };
  if (values.out === undefined || values.out === '') throw new Error('--out FILE is required');
  const timeout = values['timeout-s'] ?? '300';
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > 86_400) {
    throw new Error(`--timeout-s must be a whole number of seconds from 1 to 86400, got '${timeout}'`);
  }
  return { help: false, out: path.resolve(values.out), timeoutS: Number(timeout) };
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseBackupArgs, USAGE);
  if (typeof args === 'number') return args;
  return withDatabase({
    name: 'backup',
    run: async ({ config, driver }) => {
      const summary = await backupGraph(driver, config.database, args.out, {
        timeoutMs: args.timeoutS * 1000,
        progress: (items) => console.error(`[backup] ${items.toLocaleString('en')} items`),
      });
      const { counts, dataVersion } = summary.header;
      console.log(
        `backup written to ${summary.file}: ${counts.nodes.toLocaleString('en')} nodes, ` +
          `${counts.relationships.toLocaleString('en')} relationships at data version ${dataVersion.value}, ` +
          `${(summary.fileBytes / 1_048_576).toFixed(1)} MiB in ${(summary.ms / 1000).toFixed(1)} s ` +
          `(writes held for ${(summary.lockMs / 1000).toFixed(1)} s)`,
      );
      return 0;
    },
  });
}

// A backup the database refuses (timed out, a restore in progress, an unmigrated database) exits 1, saying why.
if (require.main === module) {
  runCommand(main, 'backup', (error, name) =>
    error instanceof BackupError ? { print: `backup refused: ${error.message}`, code: 1 } : oneLineFailure(error, name),
  );
}
