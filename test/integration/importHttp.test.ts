import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { mintToken } from '../../src/auth';
import type { Role } from '../../src/domain';
import { runAutoCommit } from '../../src/db';
import { as, countingDriver, createTestApp, DATABASE, type TestApp, tokenAuth } from '../support/testApp';
import { csv, deleteImported, newCreditCode } from '../support/importFixtures';
import { nextRegionCode } from '../support/regionCodes';

const AUTH = tokenAuth('an-import-http-test-secret-32-bytes!');

describe('POST /import, its templates and undo over HTTP and GraphQL (roles, statuses, the same report)', () => {
  let app: TestApp;
  let url: string;
  const tok = randomBytes(2).toString('hex');
  const county = `戊${tok}区`;
  const regionCode = nextRegionCode();
  const tokens = new Map<Role, string>();
  /** The statements the server runs (the test's own writes and reads bypass it). */
  let counter: ReturnType<typeof countingDriver>;

  beforeAll(async () => {
    app = await createTestApp(undefined, {
      auth: AUTH,
      wrapDriver: (driver) => {
        counter = countingDriver(driver);
        return counter.driver;
      },
    });
    url = await app.listen();
    for (const role of ['viewer', 'planner', 'editor', 'admin'] as const) {
      tokens.set(role, await mintToken(AUTH, { sub: `${app.prefix}${role}`, roles: [role], ttl: '10m' }));
    }
    await app.write(
      `CREATE (:Region {id: $p + 'county', code: $code, name: $county, level: 'DISTRICT', synthetic: true})`,
      { code: regionCode, county },
    );
  });
  afterAll(async () => {
    await deleteImported(app.driver, app.prefix);
    await app.close();
  });

  function form(file: Buffer | string, name: string, fields: Record<string, string>): FormData {
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) body.set(key, value);
    body.set('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), name);
    return body;
  }
  const post = (path: string, role: Role, body?: FormData) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(role)}` }, body });
  const register = (code: string, name: string, revenue = '10') =>
    csv([
      ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份', '营业收入（万元）'],
      [code, name, county, '是', 2024, revenue],
    ]);

  it('lets an editor import and answers the report; a planner is refused with 403', async () => {
    const code = newCreditCode();
    const file = register(code, `网${tok}传输科技有限公司`);
    const refused = await post('/import', 'planner', form(file, `${app.prefix}web.csv`, { kind: 'enterprises' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      errors: [
        { message: 'Forbidden: importing needs the editor role.', extensions: { code: 'FORBIDDEN', needs: 'editor' } },
      ],
    });
    const dry = await post(
      '/import',
      'editor',
      form(file, `${app.prefix}web.csv`, { kind: 'enterprises', dryRun: 'true' }),
    );
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, applied: true, batchId: null, created: 1 });
    const response = await post('/import', 'editor', form(file, `${app.prefix}web.csv`, { kind: 'enterprises' }));
    expect(response.status).toBe(200);
    const report = (await response.json()) as { batchId: string; created: number; file: string };
    expect(report).toMatchObject({ applied: true, created: 1, file: `${app.prefix}web.csv` });
    const [event] = (
      await runAutoCommit(app.driver, DATABASE, 'MATCH (b:ImportBatch {id: $id}) RETURN b.actor AS actor', {
        id: report.batchId,
      })
    ).records;
    expect(event?.get('actor')).toBe(`${app.prefix}editor`);
  });

  it('answers 422 with the report when a row keeps the file out, 400 for a file it cannot read, 413 over the limit', async () => {
    const bad = csv([
      ['统一社会信用代码', '企业名称', '所在县区', '是否规上', '年份'],
      ['123', `错${tok}有限公司`, county, '是', 2024],
    ]);
    const invalid = await post('/import', 'editor', form(bad, `${app.prefix}bad.csv`, { kind: 'enterprises' }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      applied: false,
      batchId: null,
      invalid: [{ row: 2, column: '统一社会信用代码', value: '123', reason: expect.stringMatching(/^not a valid/) }],
    });
    // A page of another site cannot post a file here (a form post needs no CORS preflight).
    const foreign = await fetch(`${url}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('editor')}`, origin: 'http://evil.example' },
      body: form(bad, 'a.csv', { kind: 'enterprises' }),
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({
      errors: [
        {
          message: "Forbidden: imports and undos are not accepted from another site's page.",
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    const xls = await post('/import', 'editor', form('x', 'old.xls', { kind: 'enterprises' }));
    expect(xls.status).toBe(400);
    expect(await xls.json()).toEqual({
      errors: [
        {
          message: '.xls (Excel 97–2003) is not read: open the file in Excel or WPS and save it as .xlsx',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    const kind = await post('/import', 'editor', form(bad, 'a.csv', { kind: 'patents' }));
    expect(kind.status).toBe(400);
    expect(((await kind.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      '--kind must be one of enterprises, qualifications, platforms, deputies, projects, cooperations; got "patents"',
    );
    // The test app accepts 2 MB.
    const big = await post(
      '/import',
      'editor',
      form(Buffer.alloc(3 * 1_048_576, 65), 'big.csv', { kind: 'enterprises' }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    const noFile = await fetch(`${url}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('editor')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noFile.status).toBe(400);
  });

  it('serves a template that imports once filled in', async () => {
    const response = await fetch(`${url}/import/template/enterprises`, {
      headers: { authorization: `Bearer ${tokens.get('viewer')}` },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['enterprises', '示例']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).getCell(1).value).toBe('统一社会信用代码*');
    expect(sheet.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    // Fill it in as a planner would: one row under the headers.
    const code = newCreditCode();
    sheet.getRow(2).values = [code, `模板${tok}智能装备有限公司`, county, null, null, '是', 2024, 88.8];
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await post('/import', 'editor', form(filled, `${app.prefix}filled.xlsx`, { kind: 'enterprises' }));
    expect(await imported.json()).toMatchObject({ applied: true, created: 1, rows: 1, invalid: [] });
  });

  it('lets only an admin undo, over HTTP and as a mutation, each with its own audit event', async () => {
    /** The AuditEvents of `operation` by `actor`. */
    const eventsOf = async (actor: string, operation: string): Promise<string[]> =>
      (
        await runAutoCommit(
          app.driver,
          DATABASE,
          'MATCH (a:AuditEvent {actor: $actor, operation: $operation}) RETURN a.id AS id',
          { actor, operation },
        )
      ).records.map((r) => r.get('id') as string);
    /** The AuditEvent the batch names as its undo's. */
    const undoEventOf = async (batchId: string): Promise<string | null> =>
      ((
        await runAutoCommit(app.driver, DATABASE, 'MATCH (b:ImportBatch {id: $batchId}) RETURN b.undoAuditId AS id', {
          batchId,
        })
      ).records[0]?.get('id') as string | null | undefined) ?? null;

    const code = newCreditCode();
    const file = register(code, `撤${tok}精密制造有限公司`);
    const imported = (await (
      await post('/import', 'editor', form(file, `${app.prefix}undo.csv`, { kind: 'enterprises' }))
    ).json()) as { batchId: string };
    // An editor is refused over HTTP before anything runs: no statement, no event.
    const before = counter.statements();
    expect((await post(`/import/${imported.batchId}/undo`, 'editor')).status).toBe(403);
    expect(counter.statements() - before).toBe(0);
    expect(await eventsOf(`${app.prefix}editor`, 'undo import')).toEqual([]);
    const undone = await post(`/import/${imported.batchId}/undo`, 'admin');
    expect(undone.status).toBe(200);
    expect(await undone.json()).toMatchObject({ undone: true, nodesRemoved: 2, conflicts: [] });
    const again = await post(`/import/${imported.batchId}/undo`, 'admin');
    expect(again.status).toBe(409);
    expect((await post('/import/batch-none/undo', 'admin')).status).toBe(404);
    // One event for the undo that happened, none for the two refused; the batch names it.
    const httpEvents = await eventsOf(`${app.prefix}admin`, 'undo import');
    expect(httpEvents).toHaveLength(1);
    expect(await undoEventOf(imported.batchId)).toBe(httpEvents[0]);

    // The mutation: an editor is refused before anything runs; an admin undoes, and one AuditEvent says so.
    const second = (await (
      await post('/import', 'editor', form(file, `${app.prefix}undo2.csv`, { kind: 'enterprises' }))
    ).json()) as { batchId: string };
    const UNDO = 'mutation ($id: ID!) { undoImport(batchId: $id) { undone nodesRemoved conflicts { id reason } } }';
    const editor = `${app.prefix}ed`;
    const beforeMutation = counter.statements();
    const forbidden = await app.execute(UNDO, { id: second.batchId }, as(editor, 'editor'));
    expect(counter.statements() - beforeMutation).toBe(0);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await eventsOf(editor, 'undo import')).toEqual([]);
    const admin = `${app.prefix}root`;
    const result = await app.execute(UNDO, { id: second.batchId }, as(admin, 'admin'));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ undoImport: { undone: true, nodesRemoved: 2, conflicts: [] } });
    const events = await runAutoCommit(
      app.driver,
      DATABASE,
      'MATCH (a:AuditEvent {actor: $admin}) RETURN a.id AS id, a.operation AS op',
      {
        admin,
      },
    );
    expect(events.records.map((r) => r.get('op'))).toEqual(['undo import']);
    expect(await undoEventOf(second.batchId)).toBe(events.records[0]?.get('id'));
    // Each undo has its own event.
    expect(events.records[0]?.get('id')).not.toBe(httpEvents[0]);
    const listed = await app.execute<{ importBatches: { id: string; undoneBy: string | null }[] }>(
      '{ importBatches(limit: 500) { id undoneBy } }',
    );
    expect(listed.data?.importBatches.find((b) => b.id === second.batchId)).toEqual({
      id: second.batchId,
      undoneBy: admin,
    });

    // A refused undo lists its conflicts with ids of this undo (a reason is about the batch), the node's own as nodeId.
    const third = (await (
      await post('/import', 'editor', form(file, `${app.prefix}undo3.csv`, { kind: 'enterprises' }))
    ).json()) as { batchId: string };
    await runAutoCommit(app.driver, DATABASE, 'MATCH (e:Enterprise {creditCode: $code}) SET e.name = $name', {
      code,
      name: `改${tok}有限公司`,
    });
    const refused = await app.execute<{
      undoImport: { undone: boolean; conflicts: { id: string; nodeId: string; reason: string }[] };
    }>(
      'mutation ($id: ID!) { undoImport(batchId: $id) { undone conflicts { id nodeId reason } } }',
      { id: third.batchId },
      as(admin, 'admin'),
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.undoImport.undone).toBe(false);
    expect(refused.data?.undoImport.conflicts).toEqual([
      {
        id: `undoImport(${third.batchId})/ent-${code}`,
        nodeId: `ent-${code}`,
        reason: expect.stringMatching(/^name was changed after the import/),
      },
    ]);
  });
});
