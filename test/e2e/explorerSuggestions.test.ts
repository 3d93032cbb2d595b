/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import { mintToken } from '../../src/auth';
import { fromRoot } from '../../src/paths';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

/**
 * A firm's suggestions in the explorer (partners, 科技副总; a person's firms) and a gap row's link to them, in headless
 * Chromium against the real API. The graph (ids with the app's prefix), where the answer is known by construction:
 * firm F and its peer P operate in segment S of a chain whose expertise keyword is 菌丝体 with this run's mark; P
 * cooperates with university U1, which employs expert X (that keyword + 复合材料, never seconded); university U2 has
 * no link at all. So F's one
 * partner suggestion is U1 (a segment peer works with it, an expert of it serves the chain) and never U2; X is F's
 * 科技副总 candidate; and of the firms X could serve, F (no R&D institution, no cooperation) comes before P (which
 * cooperates). F is in a county of its own, above scale and lacking the four haves in 2024: R6 lists it alone there.
 */
describe('explorer suggestions in Chromium: a firm’s partners and 科技副总, a person’s firms, a gap row’s link', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let region: string;
  /** The chain's expertise keyword, with this run's mark: no other graph's expert serves the chain. */
  let keyword: string;
  let term: string;
  const errors: string[] = [];
  const requests: string[] = [];
  const p = (key: string) => `${app.prefix}${key}`;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    region = nextRegionCode();
    const mark = [...app.prefix.slice(1, 5)].map((h) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(h, 16)]).join('');
    keyword = `菌丝体${mark}`;
    term = `${keyword}复合材料`;
    await app.write(
      `CREATE (chain:IndustryChain {id: $p + 'chain', name: '建议测试产业链（示例）', keywords: [$keyword], leading: false,
         verified: false, synthetic: true})
       CREATE (s:ChainSegment {id: $p + 'seg', name: '菌丝体材料（示例）', position: 'MIDSTREAM', synthetic: true})-[:OF_CHAIN]->(chain)
       CREATE (county:Region {id: $p + 'region', code: $region, name: '建议区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (f:Enterprise {id: $p + 'firm', name: '建议企业甲有限公司（示例）', aboveScale: true, backbone: false,
         revenue: 300000000, synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (f)-[:LOCATED_IN]->(county)
       CREATE (f)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'report', year: 2024, revenue: 300000000, aboveScale: true,
         hasRdInstitution: false, hasRdStaff: true, hasRdSpending: true, hasIurCooperation: false, synthetic: true})
       CREATE (peer:Enterprise {id: $p + 'peer', name: '同链企业乙有限公司（示例）', aboveScale: false, backbone: false,
         synthetic: true})-[:OPERATES_IN]->(s)
       CREATE (u1:University {id: $p + 'uni1', name: '建议大学甲（示例）', local: true, synthetic: true})
       CREATE (:University {id: $p + 'uni2', name: '建议大学乙（示例）', local: true, synthetic: true})
       CREATE (peer)-[:COOPERATES_WITH]->(u1)
       CREATE (:Person {id: $p + 'expert', name: '菌丝体专家（示例）', title: '教授', degree: '博士',
         expertise: [$term], synthetic: true})-[:EMPLOYED_BY]->(u1)`,
      { region, keyword, term },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) requests.push(r.postData() ?? '');
    });
    await page.goto(`${app.url}/explorer/`);
    await page.locator(`#gap-region option[value="${region}"]`).waitFor({ state: 'attached' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const showNeighborhood = (on: Page, id: string): Promise<void> =>
    on.evaluate(
      (nodeId) =>
        (window as unknown as { explorer: { showNeighborhood(id: string): Promise<void> } }).explorer.showNeighborhood(
          nodeId,
        ),
      id,
    );

  /** Clicks a drawn node where Cytoscape drew it, as a user selects it. */
  const clickNode = async (on: Page, id: string): Promise<void> => {
    const point = await on.evaluate((nodeId) => {
      type Cy = { getElementById(id: string): { renderedPosition(): { x: number; y: number } } };
      const cy = (window as unknown as { explorer: { cy: Cy } }).explorer.cy;
      const box = document.getElementById('graph')?.getBoundingClientRect();
      const at = cy.getElementById(nodeId).renderedPosition();
      return { x: (box?.left ?? 0) + at.x, y: (box?.top ?? 0) + at.y };
    }, id);
    await on.mouse.click(point.x, point.y);
  };

  /** The ids of the selected nodes. */
  const selected = (): Promise<string[]> =>
    page.evaluate(() => {
      type Cy = { nodes(s: string): { map<T>(f: (n: { id(): string }) => T): T[] } };
      return (window as unknown as { explorer: { cy: Cy } }).explorer.cy.nodes(':selected').map((n) => n.id());
    });

  /** Each item of a suggestion list: its id, its name and its reasons. */
  const listed = (list: string) =>
    page.$$eval(`#${list} > li`, (items) =>
      items.map((li) => ({
        id: (li as HTMLElement).dataset.id,
        name: li.querySelector('button.suggestion')?.textContent,
        text: li.textContent,
        reasons: Array.from(li.querySelectorAll('.reasons li'), (r) => r.textContent),
      })),
    );

  it('shows a selected firm’s partner suggestions (U1 first with its reasons, never U2) and its 科技副总', async () => {
    await showNeighborhood(page, p('firm'));
    await clickNode(page, p('firm'));
    await page.locator('#suggestions[data-state="shown"]').waitFor();
    expect(await page.textContent('#details')).toContain('建议企业甲有限公司（示例）');
    expect(await page.textContent('#suggestions')).toContain('合作建议');

    const partners = await listed('partner-suggestions');
    expect(partners[0]).toMatchObject({ id: p('uni1'), name: '建议大学甲（示例）' });
    expect(partners[0]?.text).toContain('高校');
    // Strongest evidence first: the segment peer (3 × ln 2) before the expert (1.5 × ln 2), the load last.
    expect(partners[0]?.reasons).toEqual([
      '同链段已有 1 家企业与其合作',
      `有 1 名专家的研究方向对口（${term}）`,
      '目前仅服务 1 家企业，尚有余力',
    ]);
    expect(partners.map((s) => s.id)).not.toContain(p('uni2'));

    const deputies = await listed('deputy-suggestions');
    expect(deputies[0]).toMatchObject({ id: p('expert'), name: '菌丝体专家（示例）' });
    expect(deputies[0]?.text).toContain('建议大学甲（示例）');
    expect(deputies[0]?.reasons?.[0]).toBe(`研究方向（${term}）对口建议测试产业链（示例）`);

    mkdirSync(fromRoot('artifacts'), { recursive: true });
    await page.screenshot({ path: fromRoot('artifacts', 'explorer-suggestions.png') });

    // A suggestion not on the map opens its neighbourhood, selected, with its properties.
    await page.click(`#partner-suggestions button.suggestion[data-id="${p('uni1')}"]`);
    await page.waitForFunction(
      (id) =>
        (window as unknown as { explorer: { cy: { getElementById(id: string): { selected(): boolean } } } }).explorer.cy
          .getElementById(id)
          .selected(),
      p('uni1'),
    );
    expect(await selected()).toEqual([p('uni1')]);
    expect(await page.textContent('#details')).toContain('建议大学甲（示例）');
    // A university has no suggestions of its own.
    expect(await page.locator('#suggestions').count()).toBe(0);
  }, 60_000);

  it('shows the firms an expert could serve, gap firms first, and selects one already on the map', async () => {
    // U1's neighbourhood (drawn by the last step) holds X and P.
    await clickNode(page, p('expert'));
    await page.locator('#suggestions[data-state="shown"]').waitFor();
    expect(await page.textContent('#suggestions')).toContain('可服务企业');
    const firms = await listed('deputy-candidates');
    expect(firms.map((f) => f.id)).toEqual([p('firm'), p('peer')]);
    expect(firms[0]?.reasons).toEqual(expect.arrayContaining(['尚无研发机构', '尚无产学研合作']));
    expect(firms[0]?.text).toContain('无产学研合作');

    // P is drawn: choosing it selects it where it is, without loading another view.
    const drawn = Number(await page.$eval('#counts', (e) => (e as HTMLElement).dataset.nodes));
    await page.click(`#deputy-candidates button.suggestion[data-id="${p('peer')}"]`);
    await page.locator(`#details td:text-is("${p('peer')}")`).waitFor();
    expect(await selected()).toEqual([p('peer')]);
    expect(Number(await page.$eval('#counts', (e) => (e as HTMLElement).dataset.nodes))).toBe(drawn);
  }, 60_000);

  it('gives each firm of a gap list its top suggestions and a button that opens the firm with them', async () => {
    await page.click('#clear');
    await page.click('#tabs button[data-tab="gaps"]');
    await page.selectOption('#gap-name', 'enterprisesMissingFourHaves');
    await page.fill('#gap-year', '2024');
    await page.selectOption('#gap-region', region);
    const before = requests.length;
    await page.click('#gap-form button[type=submit]');
    await page.waitForFunction(() => (document.getElementById('gap-summary') as HTMLElement).dataset.total === '1');
    // The suggestions come with the page's rows, in the same request.
    expect(requests.slice(before).filter((r) => r.includes('partnerSuggestions(limit: 3)'))).toHaveLength(1);
    const row = page.locator('#gap-table tr.link').first();
    expect(await row.textContent()).toContain('建议企业甲有限公司（示例）');
    expect(await row.locator('td.suggested .suggested-names').textContent()).toBe('建议大学甲');

    await row.locator('button.suggest').click();
    await page.locator('#suggestions[data-state="shown"]').waitFor();
    expect(await page.isVisible('#panel-details')).toBe(true);
    expect(await page.textContent('#details')).toContain(p('firm'));
    expect(await selected()).toEqual([p('firm')]);
    expect((await listed('partner-suggestions'))[0]?.id).toBe(p('uni1'));

    // In English, the headings too (the reasons stay as the API words them).
    await page.click('#lang');
    // The switch draws the view again in English: select the firm once it has.
    await page.locator('#status:has-text("Neighbourhood of")').waitFor();
    await page.evaluate(
      (id) => (window as unknown as { explorer: { focus(id: string): Promise<void> } }).explorer.focus(id),
      p('firm'),
    );
    await page.locator('#suggestions[data-state="shown"]').waitFor();
    expect(await page.textContent('#suggestions h3')).toBe('Partner suggestions');
    await page.click('#lang');
    expect(errors).toEqual([]);
  }, 60_000);

  it('asks nothing of the API for a viewer’s token, and asks once where the role shows only in an answer', async () => {
    const auth = tokenAuth('an-e2e-suggestions-secret-of-32-bytes+');
    const secured = await createTestApp(undefined, { auth });
    const local = await createTestApp(undefined, { auth: { mode: 'local', localRole: 'viewer' } });
    const viewerPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await secured.listen();
      await local.listen();
      const asked: string[] = [];
      const pageErrors: string[] = [];
      viewerPage.on('request', (r) => {
        if (r.url().endsWith('/graphql')) asked.push(r.postData() ?? '');
      });
      viewerPage.on('pageerror', (e) => pageErrors.push(String(e)));
      const consoleErrors: string[] = [];
      viewerPage.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });

      // A viewer's token: its roles claim says so, and the page never sends the planner's query (no 403).
      const token = await mintToken(auth, { sub: 'e2e-viewer', roles: ['viewer'], ttl: '10m' });
      await viewerPage.goto(`${secured.url}/explorer/`);
      await viewerPage.evaluate((t) => window.localStorage.setItem('innovation-graph.token', t), token);
      await viewerPage.reload();
      await viewerPage.locator('#status:text-is("就绪。")').waitFor();
      consoleErrors.length = 0; // the first load's 401, before the token was kept
      await showNeighborhood(viewerPage, p('firm'));
      await clickNode(viewerPage, p('firm'));
      await viewerPage.locator('#suggestions[data-state="needs-planner"]').waitFor();
      expect(await viewerPage.textContent('#suggestions')).toBe('合作建议需要 planner 角色。');
      expect(asked.filter((q) => q.includes('Suggestions'))).toEqual([]);
      expect(consoleErrors).toEqual([]);

      // Local mode as a viewer (no token to read): the first firm asks and learns; the next asks nothing.
      await viewerPage.evaluate(() => window.localStorage.removeItem('innovation-graph.token'));
      await viewerPage.goto(`${local.url}/explorer/`);
      await viewerPage.locator('#status:text-is("就绪。")').waitFor();
      await showNeighborhood(viewerPage, p('firm'));
      await clickNode(viewerPage, p('firm'));
      await viewerPage.locator('#suggestions[data-state="needs-planner"]').waitFor();
      await showNeighborhood(viewerPage, p('peer'));
      await clickNode(viewerPage, p('peer'));
      await viewerPage.locator('#suggestions[data-state="needs-planner"]').waitFor();
      expect(asked.filter((q) => q.includes('Suggestions'))).toHaveLength(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await viewerPage.close();
      await secured.close();
      await local.close();
    }
  }, 120_000);
});
