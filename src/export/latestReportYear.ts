import type { Driver } from 'neo4j-driver';
import { readTx } from '../db';
import { checkGapArguments } from '../queries';

/** The latest year with annual reports (what a gap field's `year` defaults to), or null when there is none. */
export async function latestReportYear(driver: Driver, database: string): Promise<number | null> {
  const check = await readTx(driver, { database }, (tx) =>
    checkGapArguments(tx, { regionCodes: [], chainIds: [], years: [] }),
  );
  return check.reportYears?.last ?? null;
}
