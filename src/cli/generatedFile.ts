import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The options of a command that writes a generated, checked-in file (`--out FILE`, `--check`). */
export interface GeneratedFileArgs {
  help: boolean;
  out: string;
  check: boolean;
}

/** Reads `--out FILE` (default `defaultOut`), `--check` and `--help`; anything else throws (a usage error). */
export function parseGeneratedFileArgs(argv: string[], defaultOut: string): GeneratedFileArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  return { help: values.help ?? false, out: values.out ?? defaultOut, check: values.check ?? false };
}

/**
 * Writes `content` to `args.out`, or with `--check` writes nothing and compares: the exit code of the command (0
 * written or current, 1 the file differs, saying `stale`).
 * @param written what to print after writing, e.g. `(127 operations)`
 */
export function writeOrCheck(args: GeneratedFileArgs, content: string, stale: string, written: string): number {
  if (args.check) {
    let current = '';
    try {
      current = readFileSync(args.out, 'utf8');
    } catch {
      // A missing file differs.
    }
    if (current === content) return 0;
    console.error(`${args.out} ${stale}`);
    return 1;
  }
  writeFileSync(args.out, content);
  console.log(`written ${args.out} ${written}`);
  return 0;
}
