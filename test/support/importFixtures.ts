import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Driver } from 'neo4j-driver';
import { beginUpkeep, IMPORT_MAX_SUBJECTS, touchedIds } from '../../src/aggregates/upkeep';
import { APP, bumpDataVersion, runAutoCommit, toPlain, writeTx } from '../../src/db';
import { creditCodeCheckChar } from '../../src/domain';
import { DATABASE } from './testApp';

/** A valid unified social credit code (its check character computed), unique to a test run. */
export function newCreditCode(): string {
  const base = `91410400MA${randomBytes(4).toString('hex').toUpperCase().slice(0, 7)}`;
  return `${base}${creditCodeCheckChar(base)}`;
}

/** The same code with a wrong check character. */
export function withWrongCheck(code: string): string {
  const wrong = code.endsWith('0') ? '1' : '0';
  return `${code.slice(0, 17)}${wrong}`;
}

/**
 * An .xlsx file as a bureau's would be: `rows` from the first line (title rows included), `merges` as Excel ranges
 * (`A1:F1`), cells as given (strings, numbers, Dates, null for empty).
 */
export async function xlsx(rows: unknown[][], merges: string[] = [], sheet = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  for (const row of rows) worksheet.addRow(row);
  for (const range of merges) worksheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV text from rows (cells quoted when they hold a comma, quote or line break). */
export function csv(rows: unknown[][]): string {
  const cell = (v: unknown): string => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * A value as JSON with every object's keys sorted: the order of a node's properties in Neo4j's answer is not part of
 * what it says, so two answers that say the same compare equal.
 */
export function sortedJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(sorted(value));
}

/**
 * Everything the graph says about some enterprises (by id or credit code), as one comparable string: their
 * properties, and every relationship from them with its properties and the other end's. Import batches' own links
 * (IMPORTED_IN) are left out: a batch is history, not the graph's facts.
 */
export async function fingerprint(driver: Driver, ids: readonly string[], codes: readonly string[]): Promise<string> {
  const result = await runAutoCommit(
    driver,
    DATABASE,
    `MATCH (e:Enterprise) WHERE e.id IN $ids OR e.creditCode IN $codes
     OPTIONAL MATCH (e)-[r]->(x) WHERE type(r) <> 'IMPORTED_IN'
     WITH e, r, x ORDER BY type(r), x.id
     RETURN e.id AS id, properties(e) AS props,
       collect([type(r), x.id, properties(r), properties(x)]) AS rels
     ORDER BY id`,
    { ids, codes },
  );
  return sortedJson(toPlain(result.records.map((r) => r.toObject())));
}

/** Deletes what the import batches of files starting with `prefix` created, and the batches. */
export async function deleteImported(driver: Driver, prefix: string): Promise<void> {
  // Like any write of ours: the maintained aggregates are kept right for the nodes deleted (src/aggregates/).
  const metadata = { app: APP, operation: 'test cleanup', actor: 'test setup' };
  await writeTx(driver, { database: DATABASE, metadata }, async (tx) => {
    const created = await tx.run(
      `MATCH (b:ImportBatch)<-[l:IMPORTED_IN]-(n) WHERE b.file STARTS WITH $prefix AND l.created
       RETURN labels(n)[0] AS label, n.id AS id`,
      { prefix },
    );
    const ids = touchedIds(
      created.records.map((r) => ({ label: r.get('label') as string, id: r.get('id') as string })),
    );
    const upkeep = await beginUpkeep(tx, { ids }, IMPORT_MAX_SUBJECTS);
    await tx.run(
      `MATCH (b:ImportBatch) WHERE b.file STARTS WITH $prefix
       OPTIONAL MATCH (n)-[l:IMPORTED_IN]->(b) WHERE l.created
       DETACH DELETE n, b`,
      { prefix },
    );
    await upkeep.after(tx);
    await bumpDataVersion(tx);
  });
}
