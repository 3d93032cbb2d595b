import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, type Neo4jTarget } from '../config';
import {
  buildLauncher,
  migrate,
  portIsOpen,
  readRunning,
  startLocalNeo4j,
  stopLocalNeo4j,
  copyDataFolder,
  isDataFolder,
  replaceDataFolder,
} from '../db';
import { runCommand, typedYes } from './commandLine';
import { createLogger } from '../logger';
import { messageOrStack, withDatabase } from './withDatabase';

const USAGE = `usage: npm run db:<command>
  db:build    build the local Neo4j launcher with Maven (first time: downloads Neo4j 5.26 + APOC core);
              -- --verbose shows Maven's output
  db:start    start the local Neo4j in the background (data in NEO4J_LOCAL_DATA_DIR, default .neo4j/data)
  db:stop     stop it cleanly (SIGTERM, waits for the store to close)
  db:status   say whether it runs, where, and whether Bolt answers
  db:copy     an exact offline copy of the local data folder: -- --out DIR (stops Neo4j for the copy, then starts
              it again), or put one back: -- --from DIR [--yes] (the current folder is kept as <data>.replaced-…)
  migrate     apply cypher/migrations to the configured Neo4j`;

/** `db` commands for the local launcher; exit 0 on success, 1 on a problem the message explains. */
async function main(command: string | undefined): Promise<number> {
  if (command === undefined || process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'migrate') {
    return withDatabase({
      name: 'migrate',
      logger: (config) => createLogger(config.logLevel, config.logFormat),
      run: async ({ config, driver }) => {
        const applied = await migrate(driver, config.database);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');
        return 0;
      },
    });
  }
  const config = loadConfig(process.env);
  const local = config.neo4j.kind === 'local' ? config.neo4j : undefined;
  switch (command) {
    case 'build':
      // Quiet unless asked: Maven's INFO lines (surefire's "No tests to run." for a module that has none) drown
      // the test run's own output in CI logs.
      console.log('building the launcher with Maven (the first time downloads Neo4j 5.26 and APOC core) …');
      buildLauncher({ force: true, quiet: !process.argv.includes('--verbose') });
      console.log('launcher built: tools/neo4j/target');
      return 0;
    case 'start': {
      if (!local) return notLocal();
      const running = readRunning(local.dataDir);
      if (running) {
        console.log(`already running: ${running.uri} (pid ${running.pid}, Neo4j ${running.version})`);
        return 0;
      }
      const info = await startLocal(local);
      console.log(`Neo4j ${info.version} ready on ${info.uri} (pid ${info.pid}, started in ${info.startMs} ms)`);
      console.log(`data: ${local.dataDir}   log: ${local.dataDir}/launcher.log   stop: npm run db:stop`);
      return 0;
    }
    case 'stop': {
      if (!local) return notLocal();
      const stopped = await stopLocalNeo4j(local.dataDir);
      console.log(stopped ? 'Neo4j stopped' : 'no local Neo4j was running');
      return 0;
    }
    case 'copy': {
      if (!local) return notLocal();
      return copy(local);
    }
    case 'status': {
      if (!local) return notLocal();
      const running = readRunning(local.dataDir);
      if (!running) {
        console.log(`not running (data: ${local.dataDir})`);
        return 1;
      }
      const port = Number(new URL(running.uri.replace('bolt://', 'http://')).port);
      const answers = await portIsOpen(port);
      console.log(
        `running: ${running.uri} (pid ${running.pid}, Neo4j ${running.version}), Bolt ${answers ? 'answers' : 'does not answer'}`,
      );
      return answers ? 0 : 1;
    }
    default:
      console.error(`unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

type LocalTarget = Extract<Neo4jTarget, { kind: 'local' }>;

/** Starts the local Neo4j with the configured folder, port and sizes. */
function startLocal(local: LocalTarget) {
  return startLocalNeo4j({
    home: local.dataDir,
    port: local.port,
    heapMb: local.heapMb,
    pageCacheMb: local.pageCacheMb,
    txTimeoutSeconds: local.txTimeoutSeconds,
  });
}

/**
 * `db:copy`: the local Neo4j's data folder copied while Neo4j is stopped (an exact store copy, faster to take and
 * to put back than a logical backup, but the API cannot reach the database meanwhile), or a copy put back.
 */
async function copy(local: LocalTarget): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { out: { type: 'string' }, from: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
  });
  if ((values.out === undefined) === (values.from === undefined)) {
    console.error(`db:copy needs --out DIR or --from DIR\n${USAGE}`);
    return 2;
  }
  if (
    values.from !== undefined &&
    !values.yes &&
    !(await typedYes(`Replace the data in ${local.dataDir} with the copy in ${values.from}? Type yes: `))
  ) {
    console.error('not replaced');
    return 1;
  }
  // Checked before Neo4j is stopped, so that a wrong folder costs nothing.
  if (values.out !== undefined && existsSync(values.out)) {
    console.error(`${values.out} exists already: name a new folder for the copy`);
    return 1;
  }
  if (values.from !== undefined && !isDataFolder(values.from)) {
    console.error(`${values.from} is not a copy of a local Neo4j data folder (no data/databases/neo4j or password)`);
    return 1;
  }
  const wasRunning = readRunning(local.dataDir) !== undefined;
  if (wasRunning) {
    console.log('stopping the local Neo4j for the copy (the API cannot reach it until it is started again)');
    await stopLocalNeo4j(local.dataDir);
  }
  const started = Date.now();
  if (values.out !== undefined) {
    copyDataFolder(local.dataDir, values.out);
    console.log(`copied ${local.dataDir} to ${values.out} in ${Date.now() - started} ms`);
  } else {
    const kept = replaceDataFolder(local.dataDir, values.from as string);
    console.log(
      `put ${values.from} in place of ${local.dataDir}${kept ? `; the data it held is kept in ${kept}` : ''}`,
    );
  }
  if (wasRunning || values.from !== undefined) {
    const info = await startLocal(local);
    console.log(`Neo4j ${info.version} ready again on ${info.uri}`);
  }
  return 0;
}

function notLocal(): number {
  console.error('NEO4J_URI is set, so this project does not manage that Neo4j; unset it to use the local one');
  return 1;
}

runCommand(() => main(process.argv[2]), 'db', messageOrStack);
