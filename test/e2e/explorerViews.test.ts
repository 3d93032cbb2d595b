/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import { createTestApp, type TestApp } from '../support/testApp';
import { nextRegionCode } from '../support/regionCodes';

/**
 * The explorer's views as a planner reads them, in headless Chromium against the real API and Neo4j. The fixture
 * (ids with this file's prefix): a chain of four segments — 纤维 (30 firms) FEEDS 纺纱 (12) FEEDS 服装 (none: a gap),
 * and a SUPPORT segment 设计 (5) — served by 9 platforms, with 2 universities cooperating with its firms; a hub firm
 * with 20 suppliers, 3 platforms it hosts and its county. Every expected number follows from that.
 */
describe('explorer views in Chromium: chain maps, grouped neighbourhoods, panels, GraphiQL', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const p = (key: string) => `${app.prefix}${key}`;
  // The fixture's county and the hub's: codes no other test file running now uses.
  const regionCode = nextRegionCode();
  const hubRegionCode = nextRegionCode();

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    await app.write(
      `CREATE (chain:IndustryChain {id: $p + 'chain', name: '测试纺织产业链（示例）', leading: false, verified: false, synthetic: true})
       CREATE (s0:ChainSegment {id: $p + 'seg0', name: '纤维（示例）', position: 'UPSTREAM', synthetic: true})-[:OF_CHAIN]->(chain)
       CREATE (s1:ChainSegment {id: $p + 'seg1', name: '纺纱织造（示例）', position: 'MIDSTREAM', synthetic: true})-[:OF_CHAIN]->(chain)
       CREATE (s2:ChainSegment {id: $p + 'seg2', name: '服装家纺（示例）', position: 'DOWNSTREAM', synthetic: true})-[:OF_CHAIN]->(chain)
       CREATE (s3:ChainSegment {id: $p + 'seg3', name: '设计服务（示例）', position: 'SUPPORT', synthetic: true})-[:OF_CHAIN]->(chain)
       CREATE (s0)-[:FEEDS]->(s1)-[:FEEDS]->(s2)
       CREATE (region:Region {id: $p + 'region', code: $regionCode, name: '视图区（示例）', level: 'DISTRICT', synthetic: true})
       CREATE (:Target {id: $p + 'target', metric: 'HIGH_TECH_ENTERPRISES', year: 2024, value: 1, comparison: 'AT_LEAST',
         synthetic: true})-[:FOR_REGION]->(region)
       WITH chain, s0, s1, s3, region
       UNWIND range(1, 47) AS i
       CREATE (f:Enterprise {id: $p + 'firm' + i, name: '视图企业' + i + '号有限公司（示例）', aboveScale: true,
         backbone: false, synthetic: true, revenue: 200000000 + i})-[:LOCATED_IN]->(region)
       CREATE (f)-[:HAS_REPORT]->(:AnnualReport {id: $p + 'rep' + i, year: 2024, revenue: 200000000 + i, aboveScale: true,
         hasRdInstitution: i % 2 = 0, hasRdStaff: true, hasRdSpending: true, hasIurCooperation: false, synthetic: true})
       WITH chain, f, CASE WHEN i <= 30 THEN s0 WHEN i <= 42 THEN s1 ELSE s3 END AS segment
       CREATE (f)-[:OPERATES_IN]->(segment)
       WITH DISTINCT chain
       UNWIND range(1, 9) AS j
       CREATE (:Platform {id: $p + 'plat' + j, name: '视图平台' + j + '（示例）', kind: 'ENGINEERING_RESEARCH_CENTER',
         level: 'MUNICIPAL', approvedYear: 2020, synthetic: true})-[:SERVES]->(chain)
       WITH DISTINCT chain
       MATCH (f1:Enterprise {id: $p + 'firm1'}), (f2:Enterprise {id: $p + 'firm31'})
       CREATE (f1)-[:COOPERATES_WITH]->(:University {id: $p + 'uni1', name: '视图大学甲（示例）', synthetic: true})
       CREATE (f2)-[:COOPERATES_WITH]->(:University {id: $p + 'uni2', name: '视图大学乙（示例）', synthetic: true})
       CREATE (hub:Enterprise {id: $p + 'hub', name: '视图集团（示例）', aboveScale: true, backbone: true, synthetic: true})
       CREATE (hub)-[:LOCATED_IN]->(:Region {id: $p + 'hubregion', code: $hubRegionCode, name: '枢纽区（示例）', level: 'DISTRICT', synthetic: true})
       WITH hub
       UNWIND range(1, 3) AS k
       CREATE (hub)-[:HOSTS {role: 'LEAD'}]->(:Platform {id: $p + 'hubplat' + k, name: '枢纽实验室' + k + '（示例）',
         kind: 'KEY_LABORATORY', level: 'PROVINCIAL', synthetic: true})
       WITH DISTINCT hub
       UNWIND range(1, 20) AS k
       CREATE (:Enterprise {id: $p + 'sup' + k, name: '视图供应商' + k + '（示例）', aboveScale: false, backbone: false,
         synthetic: true})-[:SUPPLIES]->(hub)`,
      { regionCode, hubRegionCode },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${app.url}/explorer/`);
    await page.locator(`#chain-select option[value="${p('chain')}"]`).waitFor({ state: 'attached' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  type Cy = {
    elements(): { length: number };
    nodes(selector?: string): {
      length: number;
      map<T>(f: (n: NodeLike) => T): T[];
      filter(f: (n: NodeLike) => boolean): { length: number; map<T>(f: (n: NodeLike) => T): T[] };
    };
    edges(selector?: string): { map<T>(f: (e: { source(): NodeLike; target(): NodeLike }) => T): T[] };
  };
  type NodeLike = {
    id(): string;
    data(key: string): unknown;
    hasClass(c: string): boolean;
    visible(): boolean;
    position(): { x: number; y: number };
    pstyle(name: string): { strValue: string };
    renderedBoundingBox(o: object): { x1: number; x2: number; y1: number; y2: number; w: number; h: number };
  };

  /**
   * The share of shown node labels whose box meets another shown label's box, at the zoom the view opened with. A
   * label is shown when its node is visible, its label is not empty and its box is inside the graph's area.
   */
  const labelOverlap = (): Promise<{ shown: number; overlapping: number }> =>
    page.evaluate(() => {
      const cy = (window as unknown as { explorer: { cy: Cy } }).explorer.cy;
      const graph = document.getElementById('graph') as HTMLElement;
      const boxes = cy
        .nodes()
        .filter((n) => n.visible() && n.pstyle('label').strValue !== '')
        .map((n) => n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }))
        .filter((b) => b.w > 0 && b.x2 > 0 && b.y2 > 0 && b.x1 < graph.clientWidth && b.y1 < graph.clientHeight);
      const overlapping = boxes.filter((a, i) =>
        boxes.some((b, j) => i !== j && a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2),
      ).length;
      return { shown: boxes.length, overlapping };
    });

  it('draws a chain as a chain: segments left to right along FEEDS, firms grouped, the empty segment a gap', async () => {
    await page.evaluate(
      (id) =>
        (window as unknown as { explorer: { showChainMap(id: string): Promise<void> } }).explorer.showChainMap(id),
      p('chain'),
    );
    const view = await page.evaluate(() => {
      const cy = (window as unknown as { explorer: { cy: Cy } }).explorer.cy;
      const x = (id: string) =>
        cy
          .nodes()
          .filter((n) => n.id() === id)
          .map((n) => n.position().x)[0];
      return {
        elements: cy.elements().length,
        segments: cy
          .nodes('.segment')
          .map((n) => n.id())
          .sort(),
        gaps: cy
          .nodes('.gap')
          .map((n) => n.id())
          .sort(),
        groups: cy.nodes('.group').map((n) => [n.data('memberType'), n.data('count')]),
        feeds: cy.edges('[type = "FEEDS"]').map((e) => (x(e.source().id()) ?? 0) < (x(e.target().id()) ?? 0)),
        gapReason: cy.nodes('.gap').map((n) => n.data('gapReason')),
      };
    });
    expect(view.elements).toBeLessThanOrEqual(80);
    expect(view.segments).toEqual([p('seg0'), p('seg1'), p('seg2'), p('seg3')]);
    // The empty segment is the gap; the chain itself too, as no laboratory serves it or partners with its firms.
    expect(view.gaps).toEqual([p('chain'), p('seg2')].sort());
    expect(view.gapReason).toEqual(expect.arrayContaining([expect.stringContaining('chainSegmentsWithoutEnterprise')]));
    // One group per segment with firms, with the segment's whole count; the 9 platforms are one group too.
    expect(view.groups.sort()).toEqual(
      [
        ['Enterprise', 30],
        ['Enterprise', 12],
        ['Enterprise', 5],
        ['Platform', 9],
      ].sort(),
    );
    expect(view.feeds).toEqual([true, true]);
    const overlap = await labelOverlap();
    expect(overlap.shown).toBeGreaterThan(5);
    expect(overlap.overlapping / overlap.shown).toBeLessThanOrEqual(0.05);

    // Expanding 纤维 shows its 30 firms as cards under it, still left of the segment it feeds.
    await page.evaluate(
      (id) => (window as unknown as { explorer: { expandGroup(id: string): Promise<void> } }).explorer.expandGroup(id),
      `group:${p('seg0')}`,
    );
    const expanded = await page.evaluate((prefix) => {
      const cy = (window as unknown as { explorer: { cy: Cy } }).explorer.cy;
      return cy
        .nodes('[type = "Enterprise"]')
        .map((n) => n.id())
        .filter((id) => id.startsWith(prefix)).length;
    }, app.prefix);
    expect(expanded).toBe(30);
    expect(await labelOverlap().then((o) => o.overlapping / o.shown)).toBeLessThanOrEqual(0.05);
  }, 60_000);

  it('keeps every chain of the graph within 80 elements and marks each empty segment as the API lists it', async () => {
    const chains = await app.execute('{ industryChains(limit: 1000) { id } }');
    const ids = (chains.data?.industryChains as { id: string }[]).map((c) => c.id);
    expect(ids).toContain(p('chain'));
    for (const id of ids) {
      const empty = await app.execute(
        'query ($id: ID!) { s: chainSegmentsWithoutEnterprise(chainId: $id, limit: 500) { id } }',
        { id },
      );
      const expected = (empty.data?.s as { id: string }[]).map((s) => s.id).sort();
      await page.evaluate(
        (chain) =>
          (window as unknown as { explorer: { showChainMap(id: string): Promise<void> } }).explorer.showChainMap(chain),
        id,
      );
      const drawn = await page.evaluate(() => {
        const cy = (window as unknown as { explorer: { cy: Cy } }).explorer.cy;
        return {
          elements: cy.elements().length,
          gaps: cy
            .nodes('.segment.gap')
            .map((n) => n.id())
            .sort(),
        };
      });
      expect({ id, ...drawn }).toEqual({ id, elements: drawn.elements, gaps: expected });
      expect(drawn.elements).toBeLessThanOrEqual(80);
    }
  }, 120_000);

  it('groups a hub’s suppliers into one node whose count is what the API answered, and expands it', async () => {
    const api = await app.execute('query ($id: ID!) { neighborhood(id: $id, depth: 1, limit: 200) { nodes { id } } }', {
      id: p('hub'),
    });
    const answered = (api.data?.neighborhood as { nodes: unknown[] }).nodes.length;
    expect(answered).toBe(1 + 20 + 3 + 1);
    await page.evaluate(
      (id) =>
        (window as unknown as { explorer: { showNeighborhood(id: string): Promise<void> } }).explorer.showNeighborhood(
          id,
        ),
      p('hub'),
    );
    const view = await page.evaluate(() => {
      const cy = (window as unknown as { explorer: { cy: Cy } }).explorer.cy;
      return {
        groups: cy.nodes('.group').map((n) => n.data('count') as number),
        others: cy.nodes().filter((n) => !n.hasClass('group')).length,
      };
    });
    expect(view.groups).toEqual([20]);
    expect(view.groups.reduce((a, b) => a + b, 0) + view.others).toBe(answered);
    const overlap = await labelOverlap();
    expect(overlap.overlapping / overlap.shown).toBeLessThanOrEqual(0.05);
    await page.evaluate(() => {
      const ex = (window as unknown as { explorer: { cy: Cy; expandGroup(id: string): Promise<void> } }).explorer;
      return ex.expandGroup(ex.cy.nodes('.group').map((n) => n.id())[0] as string);
    });
    expect(Number(await page.$eval('#counts', (e) => (e as HTMLElement).dataset.nodes))).toBe(answered);
    expect(await page.textContent('#legend')).toContain('SUPPLIES');
  }, 60_000);

  it('gives each gap list the count the API gives for the same arguments, and opens a row on the map', async () => {
    await page.click('#tabs button[data-tab="gaps"]');
    const names = await page.$$eval('#gap-name option', (options) =>
      options.map((o) => (o as HTMLOptionElement).value),
    );
    expect(names).toHaveLength(10);
    for (const name of names) {
      await page.selectOption('#gap-name', name);
      await page.fill('#gap-year', '2024');
      await page.selectOption('#gap-region', regionCode);
      await page.$eval('#gap-summary', (e) => ((e as HTMLElement).dataset.total = ''));
      await page.click('#gap-form button[type=submit]');
      await page.waitForFunction(() => {
        const summary = document.getElementById('gap-summary') as HTMLElement;
        return summary.dataset.total !== '' || Boolean(summary.dataset.error);
      });
      expect({
        name,
        error: await page.$eval('#gap-summary', (e) => ((e as HTMLElement).dataset.error ? e.textContent : null)),
      }).toEqual({ name, error: null });
      const shown = Number(await page.$eval('#gap-summary', (e) => (e as HTMLElement).dataset.total));
      // The same arguments the panel sends: what the list takes of year 2024 and the region.
      const field = (
        await app.execute(
          '{ __type(name: "Query") { fields { name args { name type { name kind ofType { name } } } } } }',
        )
      ).data?.__type as {
        fields: {
          name: string;
          args: { name: string; type: { name: string | null; ofType: { name: string } | null } }[];
        }[];
      };
      // Each argument declared with the field's own type (year is Int! for some lists).
      const typeOf = new Map(
        (field.fields.find((f) => f.name === name)?.args ?? []).map((a) => [
          a.name,
          a.type.name ?? `${a.type.ofType?.name}!`,
        ]),
      );
      const given: Record<string, unknown> = {};
      if (typeOf.has('year')) given.year = 2024;
      if (typeOf.has('regionCode')) given.regionCode = regionCode;
      const declared = Object.keys(given).map((a) => `$${a}: ${typeOf.get(a)}`);
      const passed = Object.keys(given).map((a) => `${a}: $${a}`);
      let total = 0;
      for (let offset = 0; ; offset += 500) {
        const result = await app.execute(
          `query (${[...declared, '$offset: Int!'].join(', ')}) { r: ${name}(${[...passed, 'limit: 500', 'offset: $offset'].join(', ')}) { id } }`,
          { ...given, offset },
        );
        expect(result.errors).toBeUndefined();
        const rows = result.data?.r as unknown[];
        total += rows.length;
        if (rows.length < 500) break;
      }
      expect({ name, shown }).toEqual({ name, shown: total });
    }
    // R6 lists this file's 47 firms (each lacks 产学研合作 in 2024), 20 a page; a row opens the firm on the map.
    await page.selectOption('#gap-name', 'enterprisesMissingFourHaves');
    await page.click('#gap-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#gap-table tr.link').length === 20);
    await page.locator('#gap-table tr.link').first().click();
    await page.waitForFunction(() => Number(document.getElementById('counts')?.dataset.nodes) > 1);

    // The panel's export is the API's: an .xlsx named after the list, and a CSV with one line per firm of the list.
    await page.click('#tabs button[data-tab="gaps"]');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#gap-xlsx')]);
    expect(xlsx.suggestedFilename()).toBe('enterprisesMissingFourHaves.xlsx');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#gap-csv')]);
    const text = (await readFile((await csv.path()) as string)).toString('utf8');
    const listed = Number(await page.$eval('#gap-summary', (e) => (e as HTMLElement).dataset.total));
    expect(text.trim().split(/\r?\n/).length - 1).toBe(listed);
  }, 120_000);

  it('shows four-haves coverage with what each firm lacks, and the target review', async () => {
    await page.click('#tabs button[data-tab="coverage"]');
    await page.fill('#coverage-year', '2024');
    await page.selectOption('#coverage-region', regionCode);
    await page.click('#coverage-form button[type=submit]');
    await page.waitForFunction(() => (document.getElementById('coverage-summary') as HTMLElement).dataset.total !== '');
    const summary = await page.$eval('#coverage-summary', (e) => ({ ...(e as HTMLElement).dataset }));
    // 47 above-scale firms in the region; the odd ones (24) have no R&D institution and none cooperates: all lack one.
    expect(summary).toMatchObject({ covered: '0', total: '47', missing: '47' });
    expect(await page.textContent('#coverage-table')).toContain('产学研合作');
    await page.click('#tabs button[data-tab="review"]');
    await page.fill('#review-year', '2024');
    await page.selectOption('#review-region', regionCode);
    await page.click('#review-form button[type=submit]');
    await page.waitForFunction(() => (document.getElementById('review-summary') as HTMLElement).dataset.met !== '');
    // The fixture's target for the region: at least 1 high-tech enterprise, and the region has none.
    expect(await page.textContent('#review-table')).toContain('HIGH_TECH_ENTERPRISES');
    expect(await page.textContent('#review-table')).toContain('未达标');
  }, 60_000);

  it('switches to English, clears the properties with the map, and serves GraphiQL with no request leaving 127.0.0.1', async () => {
    await page.click('#lang');
    expect(await page.textContent('header h1')).toBe('Innovation graph explorer');
    await page.click('#lang');
    expect(await page.textContent('header h1')).toBe('创新图谱浏览');
    await page.click('#clear');
    expect(await page.textContent('#details')).toContain('点击节点');
    expect(errors).toEqual([]);

    const console = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    console.on('request', (r) => requested.push(r.url()));
    const consoleErrors: string[] = [];
    console.on('pageerror', (e) => consoleErrors.push(String(e)));
    // A browser opening /graphql is sent to the console.
    await console.goto(`${app.url}/graphql`);
    expect(new URL(console.url()).pathname).toBe('/graphiql/');
    await console.locator('.graphiql-container').waitFor();
    await console.waitForFunction(() => document.querySelector('.graphiql-query-editor') !== null);
    expect(requested.length).toBeGreaterThan(3);
    expect(requested.filter((u) => !['127.0.0.1', 'localhost'].includes(new URL(u).hostname))).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await console.close();
  }, 60_000);
});
