import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startLocalNeo4j } from '../../src/db';

/**
 * Starts one throw-away Neo4j for the whole run, through the same launcher as `npm start`, on a free port with a
 * temporary data folder. Workers inherit TEST_NEO4J_URI and TEST_NEO4J_PASSWORD. Jest runs this once even when two projects list it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_NEO4J_URI) return;
  const home = mkdtempSync(path.join(os.tmpdir(), 'ig-test-neo4j-'));
  const info = await startLocalNeo4j({ home, port: await freePort(), heapMb: 1024, pageCacheMb: 256 });
  process.env.TEST_NEO4J_URI = info.uri;
  process.env.TEST_NEO4J_PASSWORD = info.password;
  process.env.TEST_NEO4J_HOME = home;
  console.log(`\n[test] Neo4j ${info.version} on ${info.uri} (started in ${info.startMs} ms)`);
}
