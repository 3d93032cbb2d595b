import { readFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { runAutoCommit, writeTx } from '../src/db';
import { fromRoot } from '../src/paths';
import { CITY_CODE, regionId, regions } from './reference/regions';

const LETTER_SOURCE = '平顶山市科学技术局 2025 年答复（reference/pingdingshan-letter-2025.txt）';

export interface SeedSummary {
  nodes: number;
  relationships: number;
  ms: number;
}

function cypher(name: string): string {
  return readFileSync(fromRoot('cypher', 'seed', `${name}.cypher`), 'utf8');
}

/** True when the database holds no node of the domain (schema bookkeeping nodes do not count). */
export async function databaseIsEmpty(driver: Driver, database: string): Promise<boolean> {
  const result = await runAutoCommit<{ n: boolean }>(
    driver,
    database,
    'MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) > 0 AS n LIMIT 1',
  );
  return result.records[0]?.get('n') === false;
}

/** Loads the reference data (idempotent: MERGE on id), all in one transaction. */
export async function loadSeed(driver: Driver, database: string): Promise<SeedSummary> {
  const started = Date.now();
  const rows = regions.map((r) => ({
    id: regionId(r.code),
    code: r.code,
    name: r.name,
    level: r.level,
    parentId: r.code === CITY_CODE ? null : regionId(CITY_CODE),
  }));
  const counters = await writeTx(driver, { database }, async (tx) => {
    const result = await tx.run(cypher('regions'), { rows, source: LETTER_SOURCE });
    return result.summary.counters.updates();
  });
  return {
    nodes: counters.nodesCreated,
    relationships: counters.relationshipsCreated,
    ms: Date.now() - started,
  };
}
