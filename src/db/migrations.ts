import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { fromRoot } from '../paths';
import { ensureChangeCapture } from './changeCapture';
import { runAutoCommit, writeTx } from './driver';

export interface Migration {
  name: string;
  checksum: string;
  statements: string[];
}

export const MIGRATIONS_DIR = fromRoot('cypher', 'migrations');

/** Splits a .cypher file into statements: `//` comment lines are dropped, a `;` ending a line ends a statement. */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\/\//.test(line)) continue;
    current.push(line);
    if (/;\s*$/.test(line)) {
      statements.push(current.join('\n').replace(/;\s*$/, '').trim());
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest !== '') statements.push(rest);
  return statements.filter((s) => s !== '');
}

/** An index or constraint command: Neo4j takes several in one transaction, but none beside a data write. */
const SCHEMA_COMMAND = /^(?:CREATE|DROP)\s+(?:(?:RANGE|TEXT|POINT|VECTOR|FULLTEXT|LOOKUP)\s+)?(?:INDEX|CONSTRAINT)\b/i;

/**
 * A migration's statements as runs, in order: consecutive schema commands together (one transaction each run: on an
 * empty database most of a migration's time was one commit per index), any other statement alone.
 */
export function statementRuns(statements: string[]): { schema: boolean; statements: string[] }[] {
  const runs: { schema: boolean; statements: string[] }[] = [];
  for (const statement of statements) {
    const schema = SCHEMA_COMMAND.test(statement);
    const last = runs[runs.length - 1];
    if (schema && last?.schema) last.statements.push(statement);
    else runs.push({ schema, statements: [statement] });
  }
  return runs;
}

/** Reads `NNNN_name.cypher` files in name order. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.cypher$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      return {
        name: file.replace(/\.cypher$/, ''),
        checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
        statements: splitStatements(text),
      };
    });
}

/**
 * Applies the migrations not yet recorded, in order, and records each as a (:SchemaMigration) node. Statements
 * are written with IF NOT EXISTS, so a run interrupted half-way is safely re-run (a migration's consecutive index
 * and constraint commands commit together, see {@link statementRuns}). A migration already applied
 * whose file has since changed is an error: migrations are append-only. Then makes sure the change-history trigger
 * is installed and running (src/db/changeCapture.ts): every path that prepares a database passes here. Only the
 * API's first start passes `changeCapture: false`, to load the demo city first and install the trigger right after
 * (src/bootstrap.ts).
 * @returns the names applied by this call.
 */
export async function migrate(
  driver: Driver,
  database: string,
  dir?: string,
  options: { changeCapture?: boolean } = {},
): Promise<string[]> {
  const migrations = loadMigrations(dir);
  await runAutoCommit(
    driver,
    database,
    'CREATE CONSTRAINT schema_migration_name IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.name IS UNIQUE',
  );
  const applied = new Map<string, string>();
  const result = await runAutoCommit<{ name: string; checksum: string }>(
    driver,
    database,
    'MATCH (m:SchemaMigration) RETURN m.name AS name, m.checksum AS checksum',
  );
  for (const r of result.records) applied.set(r.get('name'), r.get('checksum'));

  const done: string[] = [];
  for (const m of migrations) {
    const previous = applied.get(m.name);
    if (previous !== undefined) {
      if (previous !== m.checksum) {
        throw new Error(
          `migration ${m.name} was applied with checksum ${previous} but the file now has ${m.checksum}; ` +
            'add a new migration instead of editing an applied one',
        );
      }
      continue;
    }
    for (const run of statementRuns(m.statements)) {
      if (run.schema) {
        await writeTx(driver, { database }, async (tx) => {
          for (const statement of run.statements) await tx.run(statement);
        });
      } else {
        // Alone and auto-commit, as before: a data statement may be CALL … IN TRANSACTIONS.
        await runAutoCommit(driver, database, run.statements[0] as string);
      }
    }
    await runAutoCommit(
      driver,
      database,
      'MERGE (m:SchemaMigration {name: $name}) SET m.checksum = $checksum, m.appliedAt = datetime()',
      { name: m.name, checksum: m.checksum },
    );
    done.push(m.name);
  }
  // Indexes build in the background; wait (only when this call created some) so the first queries use them.
  if (done.length > 0) await runAutoCommit(driver, database, 'CALL db.awaitIndexes(300)');
  if (options.changeCapture !== false) await ensureChangeCapture(driver, database);
  return done;
}
