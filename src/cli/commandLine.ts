import { createInterface } from 'node:readline/promises';

/**
 * What every CLI does with its command line: `parse` it (node:util parseArgs inside); on --help print `usage` and
 * exit 0; on a usage error print the message and `usage` and exit 2.
 * @returns the parsed arguments, or the exit code when the command should stop here
 */
export function argumentsOrExit<T extends { help: boolean }>(
  parse: (argv: string[]) => T,
  usage: string,
  argv: string[] = process.argv.slice(2),
): T | number {
  let args: T;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  return args;
}

/** An error's message, or the thrown value itself as text. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** How a command reports an error its `main` throws: what is printed (as `console.error` prints it), and the exit code. */
export type FailureReport = (error: unknown, name: string) => { print: unknown; code: number };

/** One line, `<name> failed: <message>`, exit 2: a database that cannot be reached, a file that cannot be read. */
export const oneLineFailure: FailureReport = (error, name) => ({
  print: `${name} failed: ${messageOf(error)}`,
  code: 2,
});

/** Runs a command's `main` and exits with the code it returns; an error it throws is reported by `report`. */
export function runCommand(main: () => Promise<number>, name: string, report: FailureReport = oneLineFailure): void {
  main()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      const { print, code } = report(error, name);
      console.error(print);
      process.exit(code);
    });
}

/**
 * Asks on the terminal for a destructive step and answers true only when `yes` is typed; without a terminal (a
 * script, CI) the answer is no, so the command's --yes must be given.
 */
export async function typedYes(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    console.error('no terminal to ask on: pass --yes to go ahead without a question');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(question);
  rl.close();
  return answer.trim() === 'yes';
}
