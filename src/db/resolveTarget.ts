import type { Neo4jTarget } from '../config';
import type { Logger } from '../logger';
import { readRunning, startLocalNeo4j } from './localNeo4j';

export interface ResolvedNeo4j {
  uri: string;
  user: string;
  password: string;
  /** Set when this call started the local Neo4j (it keeps running after the API stops, like `npm run db:start`). */
  startedPid?: number;
}

/** Turns the configured target into a URI, starting the local launcher or reusing the one already running. */
export async function resolveTarget(target: Neo4jTarget, logger: Logger): Promise<ResolvedNeo4j> {
  if (target.kind === 'remote') return { uri: target.uri, user: target.user, password: target.password };
  const running = readRunning(target.dataDir);
  if (running) {
    logger.info({ uri: running.uri, pid: running.pid }, 'reusing the local Neo4j already running');
    return { uri: running.uri, user: running.user, password: running.password };
  }
  logger.info({ dataDir: target.dataDir, port: target.port }, 'starting the local Neo4j');
  const info = await startLocalNeo4j({
    home: target.dataDir,
    port: target.port,
    heapMb: target.heapMb,
    pageCacheMb: target.pageCacheMb,
    txTimeoutSeconds: target.txTimeoutSeconds,
    onBuild: (phase) =>
      logger.info(
        {
          start: 'building the local Neo4j launcher with Maven (first run: fetches Neo4j and APOC, about a minute)',
          done: 'local Neo4j launcher built',
          restored: 'local Neo4j launcher restored from ~/.cache/innovation-graph (built before from the same sources)',
        }[phase],
      ),
  });
  logger.info(
    { uri: info.uri, version: info.version, startMs: info.startMs },
    'local Neo4j ready; `npm run db:stop` stops it',
  );
  return { uri: info.uri, user: info.user, password: info.password, startedPid: info.pid };
}
