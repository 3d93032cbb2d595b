import { rmSync } from 'node:fs';
import { stopLocalNeo4j } from '../../src/db';

/** Stops the run's Neo4j and removes its data folder. */
export default async function globalTeardown(): Promise<void> {
  const home = process.env.TEST_NEO4J_HOME;
  if (!home) return;
  await stopLocalNeo4j(home);
  rmSync(home, { recursive: true, force: true });
  delete process.env.TEST_NEO4J_URI;
  delete process.env.TEST_NEO4J_HOME;
}
