import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAutoCommit } from '../../src/db';
import { undoImport } from '../../src/import';
import { fromRoot } from '../../src/paths';
import { csv, deleteImported, fingerprint, newCreditCode } from '../support/importFixtures';
import { createTestApp, DATABASE, type TestApp, testNeo4jEnv } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

const ROWS = 2000;
const TRIALS = 10;

/**
 * Starts `npm run import -- FILE --kind enterprises` in its own process group (tsx runs the command in a child
 * process: killing the group kills both), resolving with its exit code or signal.
 */
function startImport(file: string, actor: string) {
  const child = spawn(
    process.execPath,
    [
      fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'),
      fromRoot('src', 'cli', 'import.ts'),
      file,
      '--kind',
      'enterprises',
      '--actor',
      actor,
    ],
    {
      cwd: fromRoot(),
      env: { ...process.env, ...testNeo4jEnv() },
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? String(code))));
  // The command prints "writing …" when its one write transaction starts.
  const writing = new Promise<number>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('writing')) resolve(Date.now());
    });
  });
  return { child, exited, writing };
}

describe('an import killed with SIGKILL at any point leaves the graph as before or fully imported', () => {
  let app: TestApp;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-import-kill-'));
  const tok = randomBytes(2).toString('hex');
  const county = `庚${tok}区`;
  const codes = Array.from({ length: ROWS }, () => newCreditCode());
  /** Who the command imports as (--actor): its audit events are told apart by it. */
  const importer = `import-kill-${tok}`;

  beforeAll(async () => {
    app = await createTestApp();
    await app.write(
      `CREATE (:Region {id: $p + 'county', code: $code, name: $county, level: 'DISTRICT', synthetic: true})`,
      {
        code: nextRegionCode(),
        county,
      },
    );
  });
  afterAll(async () => {
    await deleteImported(app.driver, app.prefix);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function waitForNoImportOf(file: string): Promise<void> {
    for (let i = 0; i < 600; i += 1) {
      const running = await runAutoCommit(
        app.driver,
        DATABASE,
        'SHOW TRANSACTIONS YIELD metaData WHERE metaData.importFile = $file RETURN count(*) AS n',
        { file },
      );
      if (Number(running.records[0]?.get('n')) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`a transaction importing ${file} still runs after 60 s`);
  }

  /** The graph's facts about the file's firms, plus the batches and audit events of the file. */
  /** The file's import batches that stand (not undone). */
  async function standingBatches(file: string): Promise<string[]> {
    const result = await runAutoCommit(
      app.driver,
      DATABASE,
      'MATCH (b:ImportBatch {file: $file}) WHERE b.undoneAt IS NULL RETURN b.id AS id',
      { file },
    );
    return result.records.map((r) => r.get('id') as string);
  }

  /** Undoes the file's one standing batch, as an admin. */
  async function undoStanding(file: string) {
    const [batch] = await standingBatches(file);
    const admin = { actor: `kill-${tok}`, roles: ['admin'], operation: 'undo import', requestId: null };
    return undoImport(app.driver, { database: DATABASE, timeoutMs: 120_000 }, batch as string, admin);
  }

  /**
   * What of the file stands that a half-done import would leave: its firms, its batches not undone, and audit events
   * of the importer beyond one per batch ever made (an undone batch keeps its batch and its event).
   */
  async function halfWritten(file: string): Promise<{ firms: number; batches: number; events: number }> {
    const result = await runAutoCommit(
      app.driver,
      DATABASE,
      `CALL { MATCH (e:Enterprise) WHERE e.creditCode IN $codes RETURN count(e) AS firms }
       CALL { MATCH (b:ImportBatch {file: $file})
              RETURN count(b) AS made, count(CASE WHEN b.undoneAt IS NULL THEN 1 END) AS batches }
       CALL { MATCH (a:AuditEvent {actor: $importer, operation: 'import enterprises'}) RETURN count(a) AS events }
       RETURN firms, batches, events - made AS events`,
      { codes, file, importer },
    );
    const record = result.records[0];
    return {
      firms: Number(record?.get('firms')),
      batches: Number(record?.get('batches')),
      events: Number(record?.get('events')),
    };
  }

  async function state(file: string): Promise<string> {
    // Each run is a new batch: its id (on the relationships it wrote) is not part of what the graph says.
    const facts = (await fingerprint(app.driver, [], codes)).replace(/batch-[0-9a-f-]{36}/g, 'batch');
    return `${(await standingBatches(file)).length}|${facts}`;
  }

  it(`holds over ${TRIALS} kills at random points of a ${ROWS}-row import`, async () => {
    const name = `${app.prefix}kill.csv`;
    const file = path.join(dir, name);
    writeFileSync(
      file,
      csv([
        ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '营业收入（万元）', '研发人员（人）'],
        ...codes.map((code, i) => [
          code,
          `杀${tok}测试${i}号科技有限公司`,
          county,
          i % 2 ? '是' : '否',
          2024,
          `${i}.5`,
          i % 50,
        ]),
      ]),
    );
    const before = await state(name);

    // One run to the end: how long a whole import takes here, and the graph it leaves; then undone.
    const started = Date.now();
    const full = startImport(file, importer);
    expect(await full.exited).toBe('0');
    const duration = Date.now() - started;
    const writeMs = Date.now() - (await full.writing);
    const complete = await state(name);
    expect(complete).not.toBe(before);
    const undone = await undoStanding(name);
    expect(undone).toMatchObject({ undone: true, nodesRemoved: 2 * ROWS });
    expect(await state(name)).toBe(before);

    const outcomes: string[] = [];
    /** Trials whose kill came while the write transaction was open: after "writing", and nothing committed. */
    let killedWhileWriting = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // Even trials: kill points spread over the whole run (start-up, reading, matching, writing, the commit); odd
      // trials: within the first half of the write transaction as the first run timed it (later runs are faster,
      // with a warm database: over the whole of it, most kills came after the commit).
      // The first trial kills as soon as the command says it is writing: the message is printed inside its one
      // write transaction, so the kill lands while that transaction is open (unless the whole write and its commit
      // fit in the moment between the message and the kill: the outcome below tells).
      const run = startImport(file, importer);
      const runStart = Date.now();
      let wrote = false;
      void run.writing.then(() => (wrote = true));
      let at: number;
      if (trial === 0) at = (await run.writing) - runStart;
      else if (trial % 2 === 0) at = Math.round(((trial + Math.random()) / TRIALS) * duration);
      else at = (await run.writing) - runStart + Math.round((Math.random() * writeMs) / 2);
      await new Promise((r) => setTimeout(r, Math.max(0, runStart + at - Date.now())));
      const writingAtKill = wrote;
      try {
        process.kill(-(run.child.pid as number), 'SIGKILL');
      } catch {
        // It had exited already: the run was complete.
      }
      const exit = await run.exited;
      // The server ends an abandoned transaction when it sees the connection drop: a commit already sent still
      // lands, anything else is rolled back. Wait until no transaction of this file runs before looking.
      await waitForNoImportOf(name);
      const after = await state(name);
      const outcome = after === before ? 'before' : after === complete ? 'complete' : 'in between';
      const during = writingAtKill && outcome === 'before';
      if (during) killedWhileWriting += 1;
      outcomes.push(`${at} ms: ${exit}, ${during ? 'during the write, ' : ''}${outcome}`);
      expect([trial, outcome]).not.toEqual([trial, 'in between']);
      if (during) {
        // Killed inside the write: nothing of it stands — no firm of the file, no batch, no audit event.
        expect(await halfWritten(name)).toEqual({ firms: 0, batches: 0, events: 0 });
      }
      if (outcome === 'complete') {
        await undoStanding(name);
        expect(await state(name)).toBe(before);
      }
    }
    console.log(`import of ${ROWS} rows: ${duration} ms whole, ${writeMs} ms writing; kills: ${outcomes.join('; ')}`);
    // The property is about kills inside the write transaction: at least one must have landed there.
    expect(killedWhileWriting).toBeGreaterThanOrEqual(1);
  }, 600_000);
});
