import { randomBytes } from 'node:crypto';
import { runAutoCommit, toPlain } from '../../src/db';
import { runImport, undoImport } from '../../src/import';
import { csv, deleteImported, newCreditCode } from '../support/importFixtures';
import { nextRegionCode } from '../support/regionCodes';
import { as, createTestApp, DATABASE, type TestApp } from '../support/testApp';

/** The fields of a Change a test reads. */
interface ChangeView {
  entity: string;
  action: string;
  labels: string[] | null;
  nodeId: string | null;
  type: string | null;
  fromId: string | null;
  toId: string | null;
  actor: string;
  operation: string;
  requestId: string | null;
  clientRequestId: string | null;
  outsideApi: boolean;
  auditEventId: string;
  batchId: string | null;
  file: string | null;
  row: number | null;
  properties: { property: string; before: unknown; after: unknown; withheld: boolean }[];
}

const CHANGE_FIELDS = `entity action labels nodeId type fromId toId actor operation requestId clientRequestId outsideApi
  auditEventId batchId file row properties { property before after withheld }`;
const HISTORY = `query ($id: ID!, $limit: Int) { history(id: $id, limit: $limit) { ${CHANGE_FIELDS} } }`;

/** A change's properties as a map: name → [before, after]. */
const valuesOf = (change: ChangeView) =>
  Object.fromEntries(change.properties.map((p) => [p.property, [p.before, p.after]]));

describe('change history: what every write changed, in its own transaction (real Neo4j)', () => {
  let app: TestApp;
  const tok = randomBytes(3).toString('hex');
  const p = (key: string): string => `${app.prefix}${key}`;
  const firmCode = newCreditCode();
  const firmName = `史${tok}精密制造有限公司（示例）`;
  const county = `史${tok}县`;
  const countyCode = nextRegionCode();

  async function history(id: string, principal = as('planner-p', 'planner')): Promise<ChangeView[]> {
    const result = await app.execute<{ history: ChangeView[] }>(HISTORY, { id, limit: 100 }, principal);
    expect(result.errors).toBeUndefined();
    return result.data?.history ?? [];
  }

  beforeAll(async () => {
    app = await createTestApp(undefined, { auth: { mode: 'local', localRole: 'admin' } });
    await app.listen();
    await app.write(
      `CREATE (c:Region {id: $p + 'county', code: $countyCode, name: $county, level: 'COUNTY', synthetic: true})
       CREATE (f:Enterprise {id: $p + 'firm', name: $firmName, creditCode: $firmCode, aboveScale: true,
         backbone: false, synthetic: true, revenue: 5000000, source: 'fixture'})-[:LOCATED_IN]->(c)
       CREATE (f)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'firm-2023', year: 2023, revenue: 5000000,
         aboveScale: true, hasRdInstitution: false, hasRdStaff: false, hasRdSpending: false,
         hasIurCooperation: false, synthetic: true})`,
      { countyCode, county, firmName, firmCode },
    );
  });
  afterAll(async () => {
    await deleteImported(app.driver, app.prefix);
    await app.close();
  });

  it('a nested update of a report records its id, revenue before → after, the actor and the server request id', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `client-${tok}` },
      body: JSON.stringify({
        query: `mutation ($id: ID!) {
          updateEnterprises(where: { id: { eq: $id } },
            update: { reports: [{ update: { where: { node: { year: { eq: 2023 } } },
                                            node: { revenue: { set: 7250000 } } } }] }) {
            enterprises { id }
          }
        }`,
        variables: { id: p('firm') },
      }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    const serverId = response.headers.get('x-request-id');
    expect(serverId).not.toBe(`client-${tok}`);

    const changes = await history(p('firm-2023'));
    // Newest first: the update, then what the fixture's write created (the report and its HAS_REPORT, one event).
    expect(changes).toHaveLength(3);
    expect(
      changes
        .slice(1)
        .map((c) => `${c.action} ${c.entity} ${c.type ?? ''} by ${c.actor}`)
        .sort(),
    ).toEqual(['CREATED NODE  by test setup', 'CREATED RELATIONSHIP HAS_REPORT by test setup']);
    const [update] = changes;
    expect(update).toMatchObject({
      entity: 'NODE',
      action: 'UPDATED',
      labels: ['AnnualReport'],
      nodeId: p('firm-2023'),
      actor: 'local',
      operation: 'updateEnterprises',
      requestId: serverId,
      clientRequestId: `client-${tok}`,
      outsideApi: false,
      batchId: null,
    });
    expect(valuesOf(update as ChangeView)).toEqual({ revenue: [5000000, 7250000] });

    // The AuditEvent says the same, and lists the change.
    const events = await app.execute<{ auditEvents: { id: string; requestId: string; changes: ChangeView[] }[] }>(
      `{ auditEvents(actor: "local", limit: 20) { id requestId clientRequestId changes { ${CHANGE_FIELDS} } } }`,
    );
    const event = events.data?.auditEvents.find((e) => e.id === update?.auditEventId);
    expect(event?.requestId).toBe(serverId);
    expect(event?.changes.map((c) => [c.nodeId, c.action])).toEqual([[p('firm-2023'), 'UPDATED']]);
  });

  it('a delete records every property the deleted node had, and its relationships', async () => {
    await app.write(
      `MATCH (c:Region {id: $p + 'county'})
       CREATE (:Platform {id: $p + 'lab', name: '史料实验室（示例）', kind: 'LABORATORY', level: 'MUNICIPAL',
         approvedYear: 2021, synthetic: true})-[:PARTNERS_WITH]->(:Enterprise {id: $p + 'gone', name: '将删除（示例）',
         aboveScale: false, backbone: false, synthetic: true})-[:LOCATED_IN]->(c)`,
    );
    const result = await app.execute(
      `mutation ($id: ID!) { deleteEnterprises(where: { id: { eq: $id } }) { nodesDeleted relationshipsDeleted } }`,
      { id: p('gone') },
    );
    expect(result.errors).toBeUndefined();
    const changes = await history(p('gone'));
    const deleted = changes.filter((c) => c.operation === 'deleteEnterprises');
    const node = deleted.find((c) => c.entity === 'NODE');
    expect(node).toMatchObject({ action: 'DELETED', labels: ['Enterprise'], nodeId: p('gone') });
    expect(valuesOf(node as ChangeView)).toEqual({
      aboveScale: [false, null],
      backbone: [false, null],
      id: [p('gone'), null],
      name: ['将删除（示例）', null],
      synthetic: [true, null],
    });
    const relationships = deleted
      .filter((c) => c.entity === 'RELATIONSHIP')
      .map((c) => [c.type, c.fromId, c.toId, c.action])
      .sort();
    expect(relationships).toEqual([
      ['LOCATED_IN', p('gone'), p('county'), 'DELETED'],
      ['PARTNERS_WITH', p('lab'), p('gone'), 'DELETED'],
    ]);
  });

  it('an import records each changed fact with its batch, file and row; its undo records the reverse', async () => {
    const fileName = `${app.prefix}history.csv`;
    const newCode = newCreditCode();
    const bytes = Buffer.from(
      csv([
        ['统一社会信用代码', '企业名称', '所在县区', '年份', '营业收入（万元）', '是否规上'],
        [firmCode, firmName, county, 2023, 800, '是'],
        [newCode, `新${tok}科技有限公司（示例）`, county, 2023, 120, '是'],
      ]),
    );
    const subject = { actor: `importer-${tok}`, roles: ['editor'], operation: 'import enterprises', requestId: null };
    const report = await runImport(
      app.driver,
      { database: DATABASE },
      { bytes, fileName, kind: 'enterprises', subject },
    );
    expect(report).toMatchObject({ applied: true, updated: 1, created: 1 });
    const imported = (await history(p('firm-2023'))).filter((c) => c.batchId === report.batchId);
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({
      action: 'UPDATED',
      actor: `importer-${tok}`,
      operation: 'import enterprises',
      file: fileName,
      row: 2,
      auditEventId: report.auditEventId,
    });
    // 800 万元 = 8,000,000 yuan, replacing the 7,250,000 of the nested update above.
    expect(valuesOf(imported[0] as ChangeView).revenue).toEqual([7250000, 8000000]);
    // The new firm of row 3: created with its values, from that row.
    const found = await runAutoCommit(app.driver, DATABASE, 'MATCH (e:Enterprise {creditCode: $c}) RETURN e.id AS id', {
      c: newCode,
    });
    const newId = found.records[0]?.get('id') as string;
    const created = (await history(newId)).filter((c) => c.batchId === report.batchId);
    const node = created.find((c) => c.entity === 'NODE');
    expect(node).toMatchObject({ action: 'CREATED', labels: ['Enterprise'], row: 3, file: fileName });
    expect(valuesOf(node as ChangeView)).toMatchObject({
      creditCode: [null, newCode],
      name: [null, `新${tok}科技有限公司（示例）`],
    });
    expect(created.filter((c) => c.entity === 'RELATIONSHIP').map((c) => [c.type, c.action, c.toId])).toEqual(
      expect.arrayContaining([['LOCATED_IN', 'CREATED', p('county')]]),
    );
    // The import's AuditEvent lists the same changes (admins).
    const events = await app.execute<{ auditEvents: { id: string; changes: ChangeView[] }[] }>(
      `{ auditEvents(actor: "importer-${tok}") { id changes { nodeId action row } } }`,
    );
    const ofImport = events.data?.auditEvents.find((e) => e.id === report.auditEventId)?.changes ?? [];
    // Row 2 updated the firm (its source) and its 2023 report; row 3 created a firm and its report.
    const nodes = ofImport.filter((c) => c.nodeId !== null).map((c) => `${c.row} ${c.action} ${c.nodeId}`);
    expect(nodes).toHaveLength(4);
    expect(nodes).toEqual(
      expect.arrayContaining([`2 UPDATED ${p('firm')}`, `2 UPDATED ${p('firm-2023')}`, `3 CREATED ${newId}`]),
    );
    expect(nodes.filter((n) => n.startsWith('3 CREATED'))).toHaveLength(2);

    const undo = await undoImport(app.driver, { database: DATABASE }, report.batchId as string, {
      ...subject,
      operation: 'undo import',
    });
    const undone = (await history(p('firm-2023'))).filter(
      (c) => c.operation === 'undo import' && c.batchId === report.batchId,
    );
    expect(undone).toHaveLength(1);
    expect(undone[0]?.auditEventId).toBe(undo.auditEventId);
    expect(valuesOf(undone[0] as ChangeView).revenue).toEqual([8000000, 7250000]);
    // The undo deleted the firm the import created: recorded with the values it had.
    const removed = (await history(newId)).filter((c) => c.operation === 'undo import' && c.entity === 'NODE');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ action: 'DELETED', auditEventId: undo.auditEventId });
    expect(valuesOf(removed[0] as ChangeView)).toMatchObject({ creditCode: [newCode, null] });
    // …and the import that created it is still told, though its link to the batch went with it.
    const createdBefore = (await history(newId)).filter((c) => c.operation === 'import enterprises');
    expect(createdBefore.map((c) => `${c.entity} ${c.action} ${c.row} ${c.actor}`)).toEqual([
      `NODE CREATED 3 importer-${tok}`,
    ]);
  });

  it('a write made around the API (plain Cypher with the password) is recorded as made outside it', async () => {
    const version = async () =>
      toPlain(
        (
          await runAutoCommit(app.driver, DATABASE, "MATCH (v:DataVersion {id: 'data'}) RETURN v.value AS v")
        ).records[0]?.get('v'),
      ) as number;
    const before = await version();
    // No metadata: what cypher-shell sends.
    await runAutoCommit(app.driver, DATABASE, 'MATCH (e:Enterprise {id: $id}) SET e.name = $name', {
      id: p('firm'),
      name: `${firmName}改`,
    });
    expect(await version()).toBe(before + 1);
    const [latest] = await history(p('firm'));
    expect(latest).toMatchObject({
      action: 'UPDATED',
      actor: 'outside the API',
      operation: 'direct Cypher',
      outsideApi: true,
      requestId: null,
    });
    expect(valuesOf(latest as ChangeView)).toEqual({ name: [firmName, `${firmName}改`] });
    const event = await runAutoCommit(app.driver, DATABASE, 'MATCH (a:AuditEvent {id: $id}) RETURN a', {
      id: latest?.auditEventId,
    });
    expect(toPlain(event.records[0]?.get('a'))).toMatchObject({ outsideApi: true, propertiesSet: 1, nodesCreated: 0 });
  });

  it('a viewer can read neither the history nor the audit trail; a bad id or limit is named', async () => {
    const viewer = as('viewer-v', 'viewer');
    for (const query of [HISTORY, '{ auditEvents { id changes { properties { before after } } } }']) {
      const result = await app.execute(query, { id: p('firm-2023') }, viewer);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data ?? null).toBeNull();
    }
    const bad = await app.execute(HISTORY, { id: p('firm'), limit: 0 });
    expect(bad.errors?.[0]?.message).toMatch(/limit/);
    expect(await history(`${p('nothing')}`)).toEqual([]);
  });
});
