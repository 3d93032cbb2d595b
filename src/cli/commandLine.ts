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

/**
 * Runs a command's `main` and exits with the code it returns; an error it throws (a database that cannot be
 * reached, a file that cannot be read) is printed as one line, `<name> failed: <message>`, and exits `failureCode`.
 */
export function runCommand(main: () => Promise<number>, name: string, failureCode = 2): void {
  main()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(failureCode);
    });
}
