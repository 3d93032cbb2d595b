/**
 * Query plans: EXPLAINs every statement of cypher/gaps and cypher/metrics (with the letter's default arguments)
 * against the configured Neo4j (by default the local one, holding the demo data) and lists the operators that start
 * each plan, so a full label scan where an index seek was expected is visible.
 *
 *   npm run db:start && npx tsx bench/plans.ts
 */
import { readdirSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config';
import { createDriver, resolveTarget } from '../src/db';
import { createLogger } from '../src/logger';
import { fromRoot } from '../src/paths';
import { loadCypher } from '../src/db/loadCypher';

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** The operators with no children: where the plan reads from the store (scans, seeks, procedure calls). */
function leaves(plan: PlanNode, out: string[] = []): string[] {
  if (plan.children.length === 0) {
    const details = String(plan.arguments.Details ?? '').slice(0, 70);
    out.push(`${plan.operatorType.replace(/@neo4j$/, '')}${details ? ` ${details}` : ''}`);
  }
  for (const c of plan.children) leaves(c, out);
  return out;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const target = await resolveTarget(config.neo4j, createLogger('warn'));
  const driver = createDriver(target);
  const params = {
    year: neo4j.int(2024),
    regionCode: null,
    chainId: null,
    minRevenue: neo4j.int(100_000_000),
    withinYears: neo4j.int(3),
    limit: neo4j.int(50),
    offset: neo4j.int(0),
    leadingChainsOnly: true,
    code: 'HIGH_TECH',
    kind: 'ENGINEERING_RESEARCH_CENTER',
    level: 'PROVINCIAL',
    levels: ['NATIONAL', 'PROVINCIAL'],
    statuses: ['APPROVED', 'FUNDED', 'COMPLETED'],
  };
  const rows: string[] = ['| statement | plan leaves (where it reads) |', '|---|---|'];
  try {
    for (const dir of ['gaps', 'metrics']) {
      for (const file of readdirSync(fromRoot('cypher', dir))
        .filter((f) => f.endsWith('.cypher'))
        .sort()) {
        const session = driver.session({ database: config.database });
        try {
          const result = await session.run(`EXPLAIN ${loadCypher(dir, file)}`, params);
          const plan = result.summary.plan as unknown as PlanNode | false;
          rows.push(`| ${dir}/${file} | ${plan ? leaves(plan).join('; ') : 'no plan'} |`);
        } catch (error) {
          rows.push(`| ${dir}/${file} | not explained: ${(error as Error).message.split('\n')[0]} |`);
        } finally {
          await session.close();
        }
      }
    }
  } finally {
    await driver.close();
  }
  console.log(rows.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
