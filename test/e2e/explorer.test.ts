/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import { mintToken } from '../../src/auth';
import { fromRoot } from '../../src/paths';
import { loadConfig } from '../../src/config';
import { createTestApp, type TestApp, tokenAuth } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

/**
 * The map explorer in a real headless Chromium (Debian's package; `.ci/run` installs it), against the real API and
 * a real Neo4j. The graph: a hub firm named 中国平煤神马集团 with a region, a platform and 3 suppliers; one supplier
 * has 2 more customers, so expanding it grows the drawing by exactly 2 nodes.
 */
describe('explorer page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const regionCode = nextRegionCode();

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    await app.driver.executeQuery(
      `CREATE (hub:Enterprise {id: $p + 'hub', name: '中国平煤神马集团', aboveScale: true, backbone: true, synthetic: false})
       CREATE (hub)-[:LOCATED_IN]->(:Region {id: $p + 'region', code: $regionCode, name: '测试区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (hub)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'lab', name: '测试重点实验室（示例）', kind: 'KEY_LABORATORY', level: 'NATIONAL', synthetic: true})
       WITH hub
       UNWIND range(1, 3) AS i
       CREATE (s:Enterprise {id: $p + 's' + i, name: '供应商' + i + '（示例）', aboveScale: false, backbone: false, synthetic: true})-[:SUPPLIES]->(hub)
       WITH s, i WHERE i = 1
       UNWIND range(1, 2) AS j
       CREATE (s)-[:SUPPLIES]->(:Enterprise {id: $p + 'c' + j, name: '客户' + j + '（示例）', aboveScale: false, backbone: false, synthetic: true})`,
      { p: app.prefix, regionCode },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Where Cytoscape drew a node, in page coordinates. */
  const renderedPosition = (id: string): Promise<{ x: number; y: number }> =>
    page.evaluate((nodeId) => {
      type Cy = { getElementById(id: string): { renderedPosition(): { x: number; y: number } } };
      const cy = (window as unknown as { explorer: { cy: Cy } }).explorer.cy;
      const box = document.getElementById('graph')?.getBoundingClientRect();
      const p = cy.getElementById(nodeId).renderedPosition();
      return { x: (box?.left ?? 0) + p.x, y: (box?.top ?? 0) + p.y };
    }, id);

  const drawnNodes = async (): Promise<number> =>
    Number(await page.$eval('#counts', (e) => (e as HTMLElement).dataset.nodes));

  it('searches 平煤神马, draws its neighbourhood, expands a node, and logs no error', async () => {
    await page.goto(`${app.url}/explorer`);
    await page.fill('#search-input', '平煤神马');
    await page.click('#search-form button');
    const hit = page.locator(`#results button[data-id="${app.prefix}hub"]`);
    await hit.waitFor();
    await hit.click();
    await page.waitForFunction(() => Number(document.getElementById('counts')?.dataset.nodes) === 6);
    expect(await drawnNodes()).toBe(6); // the hub, its region, its lab and 3 suppliers

    // Double-click supplier 1 where Cytoscape drew it: its two customers join the drawing.
    const supplier = `${app.prefix}s1`;
    let point = await renderedPosition(supplier);
    await page.mouse.dblclick(point.x, point.y);
    await page.waitForFunction(() => Number(document.getElementById('counts')?.dataset.nodes) === 8);
    expect(await drawnNodes()).toBe(8);

    // The layout ran again, so look the node up anew; a click shows its properties in the side panel.
    point = await renderedPosition(supplier);
    await page.mouse.click(point.x, point.y);
    await expect(page.locator('#details').textContent()).resolves.toContain('供应商1（示例）');

    mkdirSync(fromRoot('artifacts'), { recursive: true });
    await page.screenshot({ path: fromRoot('artifacts', 'explorer.png') });
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('asks for a token where authentication is configured, keeps it, and sends it', async () => {
    const auth = tokenAuth('an-e2e-test-secret-of-32-bytes-or-more');
    const secured = await createTestApp(undefined, { auth });
    const securedPage = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const pageErrors: string[] = [];
    securedPage.on('pageerror', (e) => pageErrors.push(String(e)));
    try {
      await secured.listen();
      await secured.write(
        `CREATE (:IndustryChain {id: $p + 'chain', name: '令牌链（示例）', leading: false, verified: false, synthetic: true})`,
      );
      await securedPage.goto(`${secured.url}/explorer`);
      await securedPage.locator('#token-form').waitFor({ state: 'visible' });
      // The page speaks Chinese by default.
      await expect(securedPage.locator('#status').textContent()).resolves.toContain('此接口需要访问令牌');

      const token = await mintToken(auth, { sub: 'e2e', roles: ['viewer'], ttl: '10m' });
      await securedPage.fill('#token-input', `Bearer ${token}`);
      await securedPage.click('#token-form button[type=submit]');
      await securedPage.locator(`#chain-select option[value="${secured.prefix}chain"]`).waitFor({ state: 'attached' });
      expect(await securedPage.evaluate(() => window.localStorage.getItem('innovation-graph.token'))).toBe(token);

      // A reload sends the kept token at once: the chains load without asking again.
      await securedPage.reload();
      await securedPage.locator(`#chain-select option[value="${secured.prefix}chain"]`).waitFor({ state: 'attached' });
      await expect(securedPage.locator('#status').textContent()).resolves.toBe('就绪。');
      expect(pageErrors).toEqual([]);
    } finally {
      await securedPage.close();
      await secured.close();
    }
  }, 120_000);

  it('keeps working under TRUSTED_DOCUMENTS with only its shipped manifest: the map, a gap list, coverage, review', async () => {
    // An empty manifest of the deployment's own: the server adds the explorer's (public/explorer/persisted-documents.json).
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'explorer-trusted-')), 'none.json');
    writeFileSync(file, '{}');
    // Local mode: a planner, below admin, so only listed documents run.
    const trusted = await createTestApp(undefined, {
      trustedDocuments: loadConfig({ TRUSTED_DOCUMENTS: file }).trustedDocuments,
    });
    const trustedPage = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    // Every answer of /graphql, with the request's body: none may be a refusal of the mode.
    let answers: Promise<string>[] = [];
    const pageErrors: string[] = [];
    trustedPage.on('response', (r) => {
      if (r.url().endsWith('/graphql')) answers.push(r.text().then((body) => `${body} ← ${r.request().postData()}`));
    });
    trustedPage.on('pageerror', (e) => pageErrors.push(String(e)));
    try {
      await trustedPage.goto(`${await trusted.listen()}/explorer/`);
      await trustedPage.locator('#status:text-is("就绪。")').waitFor();
      // The mode is on: a text the page never sends is refused.
      const other = await trustedPage.evaluate(async () => {
        const r = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        return [
          r.status,
          ((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
        ];
      });
      expect(other).toEqual([400, 'PERSISTED_QUERY_NOT_LISTED']);
      answers = [];

      await trustedPage.fill('#search-input', '平煤神马');
      await trustedPage.click('#search-form button');
      await trustedPage.locator(`#results button[data-id="${app.prefix}hub"]`).click();
      await trustedPage.waitForFunction(() => Number(document.getElementById('counts')?.dataset.nodes) === 6);

      // A gap list filtered by a region (a document the gap panel builds from its form), the coverage, the review.
      await trustedPage.click('#tabs button[data-tab="gaps"]');
      await trustedPage.selectOption('#gap-name', 'enterprisesWithoutRdInstitution');
      await trustedPage.selectOption('#gap-region', regionCode);
      await trustedPage.click('#gap-form button[type=submit]');
      await trustedPage.waitForFunction(() => {
        const summary = document.getElementById('gap-summary') as HTMLElement;
        return summary.dataset.total !== '' || (summary.dataset.error ?? '') !== '';
      });
      expect(await trustedPage.$eval('#gap-summary', (e) => (e as HTMLElement).dataset.error)).toBe('');
      await trustedPage.click('#tabs button[data-tab="coverage"]');
      await trustedPage.click('#coverage-form button[type=submit]');
      // The test database may have no annual report of the year: an answer, whichever, is what counts here.
      await trustedPage.waitForFunction(() => document.getElementById('coverage-summary')?.textContent !== '');
      await trustedPage.click('#tabs button[data-tab="review"]');
      await trustedPage.click('#review-form button[type=submit]');
      await trustedPage.waitForFunction(() => document.getElementById('review-summary')?.textContent !== '');
      const refused = (await Promise.all(answers)).filter((a) => a.includes('PERSISTED_QUERY_NOT_LISTED'));
      expect(refused).toEqual([]);
      expect(answers.length).toBeGreaterThanOrEqual(6);
      expect(pageErrors).toEqual([]);
    } finally {
      await trustedPage.close();
      await trusted.close();
    }
  }, 120_000);
});
