import { randomInt } from 'node:crypto';
import { validateRegionCode } from '../../src/domain';

/**
 * Province codes a test worker's region codes start with: every GB/T 2260 province but 41 (the demo city's 4104xx,
 * present when the tests run on a seeded development database) and 82 (kept for codes no test creates, such as
 * {@link UNUSED_REGION_CODE}).
 */
const WORKER_PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
  65, 71, 81,
];

/** A valid region code that no test creates (for "unknown region" cases). */
export const UNUSED_REGION_CODE = '829999';

// Region.code is unique and jest runs test files in parallel workers on one Neo4j: random codes collided (CI saw a
// file's city and county draw the same code, and two files draw overlapping ranges). A worker runs one file at a time
// and JEST_WORKER_ID is unique among the running workers, so the worker picks the province. A file takes codes in
// order from a block of 100 at a random place among the province's 10,000 (module state is per test file): a file's
// nodes are deleted when it closes its app, and the random block keeps a run killed before that (on a development
// database) from colliding with the next run's codes, except by a 1-in-100 chance.
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
const block = randomInt(0, 100) * 100;
let taken = 0;

/** A region code no other test file running now uses: `PPBBNN`, PP the worker's province, BB the file's block. */
export function nextRegionCode(): string {
  const province = WORKER_PROVINCES[worker - 1];
  if (province === undefined) throw new Error(`JEST_WORKER_ID ${worker}: at most ${WORKER_PROVINCES.length} workers`);
  if (taken > 99) throw new Error('a test file may take at most 100 region codes');
  const code = `${province}${String(block + taken++).padStart(4, '0')}`;
  if (validateRegionCode(code) !== null) throw new Error(`not a region code: ${code}`);
  return code;
}
