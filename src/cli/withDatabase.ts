import { constants } from 'node:os';
import type { Driver } from 'neo4j-driver';
import { type Config, ConfigError, loadConfig } from '../config';
import { createDriver, LocalNeo4jError, type ResolvedNeo4j, resolveTarget } from '../db';
import { createLogger, type Logger } from '../logger';
import type { FailureReport } from './commandLine';

/** What a command that works on the database is given. */
export interface Database {
  config: Config;
  logger: Logger;
  /** The Neo4j reached (the local one is started when it does not run yet); its URI names it in questions. */
  target: ResolvedNeo4j;
  driver: Driver;
}

/** A command that works on the database: its name, and its work once the driver is open. */
export interface DatabaseCommand<Prepared = undefined> {
  /** The command's name in the line printed when it is interrupted. */
  name: string;
  /** The command's logger; by default the configured level, `info` quietened to `warn` (a command prints its own lines). */
  logger?: (config: Config) => Logger;
  /**
   * Work that needs the configuration but not the database, done before Neo4j is reached or started (restore checks
   * its file first): its result is handed to `run`.
   */
  prepare?: (config: Config) => Promise<Prepared>;
  /** The command's work; what it returns is the command's exit code. */
  run: (db: Database, prepared: Prepared) => Promise<number>;
}

/**
 * How seed and db report a failure: a configuration or local-Neo4j problem as its message alone (it says what to do),
 * anything else, a bug, with its stack; exit 1.
 */
export const messageOrStack: FailureReport = (error) => ({
  print: error instanceof ConfigError || error instanceof LocalNeo4jError ? error.message : error,
  code: 1,
});

/** How long an interrupted command waits for the driver to close before it exits anyway. */
const CLOSE_WAIT_MS = 3_000;

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The level a command logs at unless it says otherwise: the configured one, but `info` is `warn`. */
export const commandLogger = (config: Config): Logger =>
  createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);

/**
 * Loads the configuration, opens the driver, runs the command and closes the driver: when the command ends, when it
 * throws, and on SIGINT or SIGTERM (then the process exits 128 + the signal's number, e.g. 130 on Ctrl-C, once the
 * driver is closed; a transaction in flight is rolled back by Neo4j when its connection closes). A second signal
 * ends the process at once. Errors are the caller's: `runCommand` prints them and sets the exit code.
 * @returns the command's exit code
 */
export async function withDatabase<Prepared = undefined>(command: DatabaseCommand<Prepared>): Promise<number> {
  const config = loadConfig(process.env);
  const logger = (command.logger ?? commandLogger)(config);
  const prepared = command.prepare === undefined ? (undefined as Prepared) : await command.prepare(config);
  const target = await resolveTarget(config.neo4j, logger);
  const driver = createDriver(target);
  /** Set once a signal arrived: it never settles, the process exits from the handler. */
  let stopping: Promise<never> | undefined;
  const stop = (signal: (typeof STOP_SIGNALS)[number]) => {
    console.error(`${command.name} interrupted (${signal}): closing the connection to Neo4j`);
    const closed = Promise.race([driver.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS))]);
    stopping = new Promise<never>(() => {
      void closed.finally(() => process.exit(128 + constants.signals[signal]));
    });
  };
  for (const signal of STOP_SIGNALS) process.once(signal, stop);
  try {
    const code = await command.run({ config, logger, target, driver }, prepared);
    return stopping ?? code;
  } catch (error) {
    // Work cut off by the closing driver is not a failure of its own: the command ends as interrupted.
    if (stopping !== undefined) return stopping;
    throw error;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
    if (stopping === undefined) await driver.close();
  }
}
