/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import { mintToken } from '../../src/auth';
import { runAutoCommit } from '../../src/db';
import { fromRoot } from '../../src/paths';
import { createTestApp, DATABASE, type TestApp, tokenAuth } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

/**
 * A node's change history (变更记录) in the explorer's details panel, in headless Chromium against the real API and
 * a real Neo4j. The graph, where the history is known by construction: firm F, created by the fixture's one write
 * (actor `test setup`) with a LOCATED_IN to county C and 20 employees (22 changes of F: the node and its 21
 * relationships); then an editor's token renames F through `updateEnterprises` (actor `e2e-editor-…`); then plain
 * Cypher around the API sets F's source (actor `outside the API`). So F has 24 changes: the first page shows 20 (the
 * Cypher write, the rename, 18 of the fixture's), "more" the last 4, and nothing else is asked.
 */
describe('explorer change history in Chromium: who changed a node, what and when, a page at a time', () => {
  const auth = tokenAuth('an-e2e-history-secret-of-32-bytes-long+');
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let editor: string;
  const oldName = '变更测试企业有限公司（示例）';
  const newName = '变更测试企业股份有限公司（示例）';
  const errors: string[] = [];
  const requests: string[] = [];
  const p = (key: string) => `${app.prefix}${key}`;

  /** Opens the explorer with `token` kept, as a user who pasted it. */
  async function openExplorer(on: Page, token: string): Promise<void> {
    await on.goto(`${app.url}/explorer/`);
    await on.evaluate((t) => window.localStorage.setItem('innovation-graph.token', t), token);
    await on.reload();
    await on.locator('#status:text-is("就绪。")').waitFor();
  }

  const focus = (on: Page, id: string): Promise<void> =>
    on.evaluate(
      (nodeId) => (window as unknown as { explorer: { focus(id: string): Promise<void> } }).explorer.focus(nodeId),
      id,
    );

  const historyRequests = (): { limit: number; offset: number; id: string }[] =>
    requests
      .filter((body) => body.includes('history('))
      .map((body) => {
        const { query, variables } = JSON.parse(body) as { query: string; variables: { id: string; offset: number } };
        return { id: variables.id, offset: variables.offset, limit: Number(/limit: (\d+)/.exec(query)?.[1]) };
      });

  /** Each write shown: its heading, its actor and its changes (action, entity, text, each property's line). */
  const writes = (on: Page) =>
    on.$$eval('#history-list > li.write', (items) =>
      items.map((li) => ({
        auditEventId: (li as HTMLElement).dataset.auditEventId,
        outside: li.classList.contains('outside'),
        time: li.querySelector('time')?.textContent,
        at: li.querySelector('time')?.getAttribute('datetime'),
        actor: li.querySelector('.actor')?.textContent,
        operation: li.querySelector('.operation')?.textContent,
        changes: Array.from(li.querySelectorAll('li.change'), (c) => ({
          action: (c as HTMLElement).dataset.action,
          entity: (c as HTMLElement).dataset.entity,
          what: c.querySelector('.change-what')?.textContent,
          other: (c.querySelector('.change-what button') as HTMLElement | null)?.dataset.id,
          properties: Array.from(c.querySelectorAll('.change-properties li'), (l) => l.textContent),
        })),
      })),
    );

  beforeAll(async () => {
    app = await createTestApp(undefined, { auth });
    await app.listen();
    const region = nextRegionCode();
    await app.write(
      `CREATE (f:Enterprise {id: $p + 'firm', name: $oldName, aboveScale: false, backbone: false, synthetic: true})
       CREATE (f)-[:LOCATED_IN]->(:Region {id: $p + 'county', code: $region, name: '变更县（示例）', level: 'COUNTY',
         synthetic: true})
       WITH f
       UNWIND range(1, 20) AS i
       CREATE (:Person {id: $p + 'person' + i, name: '员工' + i + '（示例）', synthetic: true})-[:EMPLOYED_BY]->(f)`,
      { oldName, region },
    );
    editor = `e2e-editor-${app.prefix.slice(1, 9)}`;
    const token = await mintToken(auth, { sub: editor, roles: ['editor'], ttl: '10m' });
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation ($id: ID!, $name: String!) {
          updateEnterprises(where: { id: { eq: $id } }, update: { name: { set: $name } }) { enterprises { id } }
        }`,
        variables: { id: p('firm'), name: newName },
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    // No transaction metadata: what cypher-shell with the password sends.
    await runAutoCommit(app.driver, DATABASE, "MATCH (e:Enterprise {id: $id}) SET e.source = '手工补录'", {
      id: p('firm'),
    });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) requests.push(r.postData() ?? '');
    });
    await openExplorer(page, token);
    errors.length = 0; // the first load's 401, before the token was kept
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists a firm’s changes newest first: the direct write flagged, the rename with old and new name and actor', async () => {
    await focus(page, p('firm'));
    await page.locator('#history[data-state="shown"]').waitFor();
    expect(await page.textContent('#history h3')).toBe('变更记录');
    expect(historyRequests()).toEqual([{ id: p('firm'), offset: 0, limit: 20 }]);
    expect(await page.getAttribute('#history', 'data-loaded')).toBe('20');

    const [direct, rename, fixture, ...rest] = await writes(page);
    expect(rest).toEqual([]);
    // Plain Cypher around the API: flagged, its operation in the explorer's words.
    expect(direct).toMatchObject({ outside: true, actor: '数据库直接修改', operation: '直接执行 Cypher' });
    expect(direct?.changes).toEqual([
      { action: 'UPDATED', entity: 'NODE', what: '修改', properties: ['source: — → 手工补录'] },
    ]);
    // The editor's mutation: who, the operation in the explorer's words, the name before → after.
    expect(rename).toMatchObject({ outside: false, actor: editor, operation: '修改企业' });
    expect(rename?.changes).toEqual([
      { action: 'UPDATED', entity: 'NODE', what: '修改', properties: [`name: ${oldName} → ${newName}`] },
    ]);
    // When, in the browser's time zone and readable: the instant the API gave, to the second.
    expect(rename?.time).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    const shown = await page.evaluate(
      (at) =>
        new Date(at.replace(/(\.\d{3})\d+/, '$1')).toLocaleString('zh-CN', {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hour12: false,
        }),
      rename?.at ?? '',
    );
    expect(rename?.time).toBe(shown);
    // The fixture's one write, its first 18 changes on this page.
    expect(fixture).toMatchObject({ outside: false, actor: 'test setup', operation: 'test write' });
    expect(fixture?.changes).toHaveLength(18);
    expect(await page.isVisible('#history-more')).toBe(true);
    mkdirSync(fromRoot('artifacts'), { recursive: true });
    await page.locator('#history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: fromRoot('artifacts', 'explorer-history.png') });
  }, 60_000);

  it('loads the next 20 by offset on “more”: the rest of the fixture’s write, with the firm’s creation', async () => {
    await page.click('#history-more');
    await page.locator('#history[data-loaded="24"]').waitFor();
    expect(historyRequests()).toEqual([
      { id: p('firm'), offset: 0, limit: 20 },
      { id: p('firm'), offset: 20, limit: 20 },
    ]);
    // Only 4 came back: the end, so no more button.
    expect(await page.isVisible('#history-more')).toBe(false);

    const shown = await writes(page);
    expect(shown).toHaveLength(3); // the fixture's changes stay under one heading across the pages
    const fixture = shown[2];
    expect(fixture?.changes).toHaveLength(22);
    // The firm's own creation heads its write, before the relationships made with it.
    expect(fixture?.changes[0]?.entity).toBe('NODE');
    const created = fixture?.changes.filter((c) => c.entity === 'NODE');
    expect(created).toEqual([
      {
        action: 'CREATED',
        entity: 'NODE',
        what: '新建',
        properties: ['aboveScale: 否', 'backbone: 否', `name: ${oldName}`, 'synthetic: 是'],
      },
    ]);
    const relationships = fixture?.changes.filter((c) => c.entity === 'RELATIONSHIP') ?? [];
    expect(relationships).toHaveLength(21);
    expect(relationships.find((c) => c.other === p('county'))).toMatchObject({
      action: 'CREATED',
      what: `新建关系 所在区县（LOCATED_IN） → ${p('county')}`,
    });
    expect(relationships.find((c) => c.other === p('person1'))?.what).toBe(
      `新建关系 人员（EMPLOYED_BY） ← ${p('person1')}`,
    );

    // The other end opens like a suggestion's name does: selected, with its own history.
    await page.click(`#history-list button[data-id="${p('county')}"]`);
    await page.locator(`#details td:text-is("${p('county')}")`).waitFor();
    await page.locator('#history[data-state="shown"]').waitFor();
    const county = await writes(page);
    expect(county.map((w) => w.changes.map((c) => `${c.action} ${c.entity}`).sort())).toEqual([
      ['CREATED NODE', 'CREATED RELATIONSHIP'],
    ]);
    expect(historyRequests().at(-1)).toEqual({ id: p('county'), offset: 0, limit: 20 });

    // In English, the explorer's words in English (names and values as stored).
    await page.click('#lang');
    await page.locator('#status:has-text("Neighbourhood of")').waitFor();
    await focus(page, p('firm'));
    await page.locator('#history[data-state="shown"]').waitFor();
    expect(await page.textContent('#history h3')).toBe('Change history');
    const [directEn, renameEn] = await writes(page);
    expect(directEn).toMatchObject({ actor: 'changed directly in the database', operation: 'Cypher sent directly' });
    expect(renameEn).toMatchObject({ actor: editor, operation: 'edit Enterprise' });
    expect(renameEn?.changes[0]?.what).toBe('changed');
    await page.click('#lang');
    await page.locator('#status:has-text("的关系网络")').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows withheld values as such and never more than a page, whatever the answer holds', async () => {
    // No role may read the history but not a confidential value today: the answer is made up to show how it would look.
    const change = (i: number) => ({
      id: `fake-${i}`,
      at: '2025-03-04T05:06:07.123456789Z',
      entity: 'NODE',
      action: 'UPDATED',
      labels: ['Enterprise'],
      nodeId: p('firm'),
      type: null,
      fromId: null,
      toId: null,
      actor: 'importer',
      operation: 'import enterprises',
      outsideApi: false,
      auditEventId: 'fake-event',
      file: '2024年报.xlsx',
      row: i + 2,
      properties: [{ property: 'revenue', before: null, after: null, withheld: true }],
    });
    const fake = async (route: Route) =>
      route.fulfill({ json: { data: { history: Array.from({ length: 25 }, (_, i) => change(i)) } } });
    await page.route('**/graphql', async (route) =>
      route.request().postData()?.includes('history(') ? fake(route) : route.fallback(),
    );
    try {
      await focus(page, p('firm'));
      await page.locator('#history[data-state="shown"]').waitFor();
      const [write, ...rest] = await writes(page);
      expect(rest).toEqual([]);
      expect(write).toMatchObject({ actor: 'importer', operation: '导入企业' });
      expect(write?.changes).toHaveLength(20);
      expect(write?.changes[0]).toEqual({
        action: 'UPDATED',
        entity: 'NODE',
        what: '修改',
        properties: ['revenue: （无权查看）'],
      });
      expect(await page.textContent('#history li.change .source')).toBe('文件 2024年报.xlsx 第 2 行');
    } finally {
      await page.unroute('**/graphql');
    }
  }, 60_000);

  it('sends a viewer’s page no history request and shows the hint instead', async () => {
    const viewerPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const asked: string[] = [];
    const pageErrors: string[] = [];
    try {
      viewerPage.on('request', (r) => {
        if (r.url().endsWith('/graphql')) asked.push(r.postData() ?? '');
      });
      viewerPage.on('pageerror', (e) => pageErrors.push(String(e)));
      const token = await mintToken(auth, { sub: 'e2e-viewer', roles: ['viewer'], ttl: '10m' });
      await openExplorer(viewerPage, token);
      await focus(viewerPage, p('firm'));
      await viewerPage.locator('#history[data-state="needs-planner"]').waitFor();
      expect(await viewerPage.textContent('#history h3')).toBe('变更记录');
      expect(await viewerPage.textContent('#history .hint')).toBe('变更记录需要 planner 角色。');
      expect(await viewerPage.textContent('#details')).toContain(newName);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((q) => q.includes('history('))).toEqual([]);

      // In English, the same hint in English.
      await viewerPage.click('#lang');
      await viewerPage.locator('#status:has-text("Neighbourhood of")').waitFor();
      await focus(viewerPage, p('firm'));
      await viewerPage.locator('#history[data-state="needs-planner"]').waitFor();
      expect(await viewerPage.textContent('#history .hint')).toBe('The change history needs the planner role.');
      expect(asked.filter((q) => q.includes('history('))).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await viewerPage.close();
    }
  }, 60_000);
});
