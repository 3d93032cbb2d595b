import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, restoreGraph, verifyBackup } from '../backup';
import { argumentsOrExit, oneLineFailure, runCommand, typedYes } from './commandLine';
import { withDatabase } from './withDatabase';

const USAGE = `usage: npm run restore -- FILE [--replace] [--yes]
  FILE        a backup written by npm run backup; checked whole (format, checksum, migrations) before anything is
              written
  --replace   the database holds data: delete it first (asks "type yes" on a terminal unless --yes)
  --yes, -y   do not ask
  --help, -h  this text
A restore interrupted at any point leaves a marker (the API reports not ready); running restore again wipes what it
wrote and starts over, without --replace.
exit codes: 0 restored; 1 refused (not a backup, corrupt, too new, a database with data, not confirmed);
2 usage error or failure`;

interface Args {
  help: boolean;
  file: string;
  replace: boolean;
  yes: boolean;
}

/** Parses the command line (node:util parseArgs); throws an Error naming what is wrong. */
export function parseRestoreArgs(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      replace: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return { help: true, file: '', replace: false, yes: false };
  if (positionals.length !== 1) throw new Error('give exactly one backup FILE');
  return {
    help: false,
    file: path.resolve(positionals[0] as string),
    replace: values.replace ?? false,
    yes: values.yes ?? false,
  };
}

async function main(): Promise<number> {
  const args = argumentsOrExit(parseRestoreArgs, USAGE);
  if (typeof args === 'number') return args;
  return withDatabase({
    name: 'restore',
    // The file first: a file that is not a restorable backup is refused before Neo4j is reached (or started).
    prepare: () => verifyBackup(args.file),
    run: async ({ config, target, driver }, verified) => {
      const summary = await restoreGraph(driver, config.database, args.file, {
        verified,
        replace: args.replace,
        confirm: async (nodes) =>
          args.yes ||
          typedYes(
            `Delete the ${nodes.toLocaleString('en')} nodes of ${target.uri} (database ${config.database}) and ` +
              `restore ${path.basename(args.file)}? Type yes: `,
          ),
        log: (line) => console.log(`[restore] ${line}`),
      });
      console.log(
        `restored ${summary.nodes.toLocaleString('en')} nodes and ${summary.relationships.toLocaleString('en')} ` +
          `relationships in ${(summary.ms / 1000).toFixed(1)} s (load ${(summary.loadMs / 1000).toFixed(1)} s, ` +
          `aggregates ${(summary.aggregatesMs / 1000).toFixed(1)} s); data version ${summary.dataVersion.epoch}:` +
          `${summary.dataVersion.value}`,
      );
      return 0;
    },
  });
}

// A file or database the restore refuses (not a backup, corrupt, too new, a database with data, not confirmed)
// exits 1, saying why.
if (require.main === module) {
  runCommand(main, 'restore', (error, name) =>
    error instanceof BackupError
      ? { print: `restore refused: ${error.message}`, code: 1 }
      : oneLineFailure(error, name),
  );
}
