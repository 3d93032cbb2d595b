/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { loadExplorerDocuments } from '../../src/cli/explorerManifest';
import { loadConfig } from '../../src/config';
import { fromRoot } from '../../src/paths';
import { launchChromium } from '../../tools/chromium';
import { type SeededNeo4j, startSeededNeo4j } from '../support/seededNeo4j';
import { createTestApp, type TestApp } from '../support/testApp';

/**
 * The planner's dashboard (/dashboard/) in headless Chromium against the scale-1 demo city (its own Neo4j: the page
 * needs the city's real county codes), under TRUSTED_DOCUMENTS = the explorer's manifest, so every document the page
 * sends must be listed. Expected figures are read from the API in the test with the page's own documents, never
 * copied from its output.
 */
const CITY = '410400';
const MAP_CODES = ['410402', '410403', '410404', '410411', '410421', '410422', '410423', '410425', '410481', '410482'];
const { dashboardQueries: documents } = loadExplorerDocuments();
/** The page's document `name` (`dashboardQueries` of public/explorer/documents.js). */
function documentOf(name: string): string {
  const text = documents[name];
  if (text === undefined) throw new Error(`documents.js has no query ${name}`);
  return text;
}
const queries = {
  dashboardYears: documentOf('years'),
  dashboardReview: documentOf('review'),
  dashboardSeries: documentOf('series'),
  dashboardBreakdown: documentOf('breakdown'),
  dashboardMatrix: documentOf('matrix'),
};

interface ReviewTarget {
  metric: string;
  target: number;
  actual: number | null;
  status: string;
}
interface Series {
  points: { year: number; value: number | null }[];
  targets: { year: number; value: number }[];
}
interface Breakdown {
  rows: { code: string; name: string; metric: { value: number | null } }[];
}
interface Matrix {
  chains: { id: string }[];
  counties: { code: string }[];
  cells: { chainId: string; regionCode: string; enterprises: number }[];
}
/** What a test reads of a chart's getOption(): the first series' data items and the titles. */
interface Drawn {
  title: string;
  subtext: string;
  data: Record<string, unknown>[];
  markLine: Record<string, unknown>[];
}

describe('dashboard in Chromium: targets, trends, county ranking and map, chain × county matrix', () => {
  let seeded: SeededNeo4j | undefined;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];
  let year: number;

  beforeAll(async () => {
    seeded = await startSeededNeo4j('dashboard', { rebuild: true });
    const { trustedDocuments } = loadConfig({
      TRUSTED_DOCUMENTS: fromRoot('public', 'explorer', 'persisted-documents.json'),
    });
    app = await createTestApp(seeded.info, { trustedDocuments });
    await app.listen();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${app.url}/dashboard/`);
    await page.waitForFunction(() => 'dashboard' in window || '__dashboard' in window);
    await page.evaluate(() => (window as unknown as { __dashboard: { ready: Promise<void> } }).__dashboard.ready);
    year = await pageState().then((s) => s.year);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await seeded?.stop();
  }, 120_000);

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await app.execute<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  const pageState = (): Promise<{ year: number; metric: string; region: string | null; lang: string }> =>
    page.evaluate(() =>
      (
        window as unknown as {
          __dashboard: { state(): { year: number; metric: string; region: string | null; lang: string } };
        }
      ).__dashboard.state(),
    );

  /** The chart `id`'s title, subtitle and first series' data and markLine data, from its getOption(). */
  const drawn = (id: string): Promise<Drawn> =>
    page.evaluate((chartId) => {
      type Option = {
        title: { text: string; subtext: string }[];
        series: { data: Record<string, unknown>[]; markLine?: { data?: Record<string, unknown>[] } }[];
      };
      const charts = (
        window as unknown as { __dashboard: { charts(): Record<string, { getOption(): Option }> } }
      ).__dashboard.charts();
      const chart = charts[chartId];
      if (!chart) throw new Error(`no chart ${chartId}`);
      const option = chart.getOption();
      const series = option.series[0];
      return {
        title: option.title[0]?.text ?? '',
        subtext: option.title[0]?.subtext ?? '',
        data: JSON.parse(JSON.stringify(series?.data ?? [])) as Record<string, unknown>[],
        markLine: JSON.parse(JSON.stringify(series?.markLine?.data ?? [])) as Record<string, unknown>[],
      };
    }, id);

  /** Real overlaps (not touching edges) between the visible text elements of the chart in `#selector`. */
  const overlaps = (selector: string): Promise<{ shown: number; overlapping: string[] }> =>
    page.evaluate((sel) => {
      const boxes = Array.from(document.querySelectorAll(`${sel} svg text`))
        .map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }))
        .filter((t) => t.text.trim() !== '' && t.box.width > 0 && t.box.height > 0);
      const overlapping: string[] = [];
      const EDGE = 0.5;
      boxes.forEach((a, i) =>
        boxes.slice(i + 1).forEach((b) => {
          const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
          const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
          if (x > EDGE && y > EDGE) overlapping.push(`${a.text} × ${b.text}`);
        }),
      );
      return { shown: boxes.length, overlapping };
    }, selector);

  const review = () =>
    gql<{ r: { targets: ReviewTarget[] } }>(queries.dashboardReview, { year, regionCode: CITY }).then(
      (d) => d.r.targets,
    );
  const series = (name: string, regionCode: string) =>
    gql<{ s: Series }>(queries.dashboardSeries, { name, from: year - 4, to: year, regionCode }).then((d) => d.s);
  const breakdown = (name: string) =>
    gql<{ b: Breakdown }>(queries.dashboardBreakdown, { name, year, regionCode: CITY }).then((d) => d.b);

  it('opens on the latest year with targets, in Chinese, for the whole city', async () => {
    const years = await gql<{ targets: { year: number }[] }>(queries.dashboardYears);
    expect(year).toBe(Math.max(...years.targets.map((x) => x.year)));
    expect(await pageState()).toMatchObject({ metric: 'FOUR_HAVES_COVERAGE', region: null, lang: 'zh' });
    expect(errors).toEqual([]);
  });

  it("draws the year's targets from the API's review: actual and target per metric, Chinese names, cards", async () => {
    const expected = await review();
    expect(expected.length).toBeGreaterThan(0);
    const chart = await drawn('targets');
    expect(chart.title).toBe(`${year}年度目标完成情况`);
    expect(chart.subtext).toContain(`数据年份：${year}`);
    expect(chart.data.map((d) => [d.metric, d.actual, d.target, d.status])).toEqual(
      expected.map((x) => [x.metric, x.actual, x.target, x.status]),
    );
    const cards = await page
      .locator('#target-cards .card')
      .evaluateAll((els) =>
        els.map((el) => ({ metric: (el as HTMLElement).dataset.metric, text: el.textContent ?? '' })),
      );
    expect(cards.map((c) => c.metric)).toEqual(expected.map((x) => x.metric));
    const four = cards.find((c) => c.metric === 'FOUR_HAVES_COVERAGE');
    expect(four?.text).toContain('规上工业企业“四有”覆盖率');
    expect(cards.every((c) => !/[A-Z]{2,}_[A-Z]/.test(c.text))).toBe(true);
  });

  it("draws each target metric's trend from metricSeries, with the year's target as a markLine", async () => {
    for (const { metric } of await review()) {
      const expected = await series(metric, CITY);
      const chart = await drawn(`trend-${metric}`);
      expect(chart.subtext).toContain(`数据年份：${year - 4}–${year}`);
      expect(chart.data.map((d) => [d.year, d.raw])).toEqual(expected.points.map((p) => [p.year, p.value]));
      const target = expected.targets.find((x) => x.year === year);
      expect(chart.markLine.map((m) => m.raw)).toEqual(target ? [target.value] : []);
    }
  });

  it('ranks the counties and maps all ten county codes with the values of metricBreakdown', async () => {
    const expected = await breakdown('FOUR_HAVES_COVERAGE');
    const ranking = await drawn('ranking');
    const rankedRows = [...expected.rows].sort((a, b) => (b.metric.value ?? -1) - (a.metric.value ?? -1));
    expect(ranking.data.map((d) => [d.code, d.raw])).toEqual(rankedRows.map((r) => [r.code, r.metric.value]));
    expect(ranking.title).toContain('排名');
    const map = await drawn('map');
    expect(map.data.map((d) => d.name).sort()).toEqual(MAP_CODES);
    const byCode = new Map(expected.rows.map((r) => [r.code, r.metric.value]));
    for (const item of map.data) expect(item.raw).toBe(byCode.get(item.name as string));
    expect(map.subtext).toContain(`数据年份：${year}`);
  });

  it('draws the chain × county matrix from chainCountyMatrix, every cell in its place', async () => {
    const { m } = await gql<{ m: Matrix }>(queries.dashboardMatrix, { year, regionCode: CITY });
    const chart = await drawn('matrix');
    expect(chart.data).toHaveLength(m.chains.length * m.counties.length);
    const byCell = new Map(m.cells.map((c) => [`${c.chainId} ${c.regionCode}`, c.enterprises]));
    for (const item of chart.data) {
      const [j, i, value] = item.value as number[];
      expect([m.counties[j as number]?.code, m.chains[i as number]?.id]).toEqual([item.regionCode, item.chainId]);
      expect(value).toBe(byCell.get(`${item.chainId as string} ${item.regionCode as string}`) ?? 0);
    }
  });

  it('keeps the labels of the ranking and of the map apart at 1400×900 and 1920×1080', async () => {
    for (const [width, height] of [
      [1400, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      for (const selector of ['#chart-ranking', '#chart-map']) {
        const { shown, overlapping } = await overlaps(selector);
        expect(shown).toBeGreaterThan(10);
        expect({ selector, width, overlapping }).toEqual({ selector, width, overlapping: [] });
      }
    }
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('narrows the page to a county clicked on the map: its trends, highlight, matrix column and gap-list link', async () => {
    const code = '410421';
    // The mouse clicks in the viewport: the map first scrolled into it.
    await page.locator('#chart-map').scrollIntoViewIfNeeded();
    const box = await page.locator('#chart-map').boundingBox();
    const point = await page.evaluate((c) => {
      const charts = (
        window as unknown as {
          __dashboard: { charts(): Record<string, { convertToPixel(f: object, v: unknown): number[] }> };
        }
      ).__dashboard.charts();
      return charts.map?.convertToPixel({ seriesId: 'map' }, c);
    }, code);
    expect(box).not.toBeNull();
    expect(point).toHaveLength(2);
    const [x, y] = point as number[];
    await page.mouse.click((box?.x ?? 0) + (x ?? 0), (box?.y ?? 0) + (y ?? 0));
    await page.waitForFunction((c) => document.getElementById('scope')?.dataset.regionCode === c, code);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === '就绪。');
    expect((await pageState()).region).toBe(code);
    const href = await page.locator('#gap-link').getAttribute('href');
    expect(href).toContain(`regionCode=${code}`);
    expect(href).toContain('/export/gap/enterprisesMissingFourHaves');
    expect(await page.locator('#gap-link').getAttribute('data-region-code')).toBe(code);
    const ranking = await drawn('ranking');
    const picked = ranking.data.find((d) => d.code === code) as { itemStyle: { color: string } };
    const other = ranking.data.find((d) => d.code !== code) as { itemStyle: { color: string } };
    expect(picked.itemStyle.color).not.toBe(other.itemStyle.color);
    const map = await drawn('map');
    expect(map.data.filter((d) => d.selected).map((d) => d.name)).toEqual([code]);
    const matrix = await drawn('matrix');
    const faded = (d: Record<string, unknown>) => (d.itemStyle as { opacity: number }).opacity < 1;
    expect(matrix.data.filter((d) => !faded(d)).every((d) => d.regionCode === code)).toBe(true);
    expect(matrix.data.filter((d) => d.regionCode === code).some(faded)).toBe(false);
    const [first] = await review();
    const expected = await series(first?.metric ?? '', code);
    const trend = await drawn(`trend-${first?.metric ?? ''}`);
    expect(trend.data.map((d) => d.raw)).toEqual(expected.points.map((p) => p.value));
    expect(trend.title).toContain('宝丰县');

    // A bar of the ranking chooses another county.
    const other2 = '410482';
    const barPoint = await page.evaluate((c) => {
      const dashboard = (
        window as unknown as {
          __dashboard: {
            charts(): Record<
              string,
              {
                convertToPixel(f: object, v: unknown): number[];
                getOption(): { series: { data: { code: string; value: number }[] }[] };
              }
            >;
          };
        }
      ).__dashboard;
      const chart = dashboard.charts().ranking;
      const data = chart?.getOption().series[0]?.data ?? [];
      const index = data.findIndex((d) => d.code === c);
      return chart?.convertToPixel({ seriesId: 'ranking' }, [(data[index]?.value ?? 0) / 2, index]);
    }, other2);
    await page.locator('#chart-ranking').scrollIntoViewIfNeeded();
    const rankingBox = await page.locator('#chart-ranking').boundingBox();
    await page.mouse.click((rankingBox?.x ?? 0) + (barPoint?.[0] ?? 0), (rankingBox?.y ?? 0) + (barPoint?.[1] ?? 0));
    await page.waitForFunction((c) => document.getElementById('scope')?.dataset.regionCode === c, other2);
    expect(await page.locator('#gap-link').getAttribute('href')).toContain(`regionCode=${other2}`);

    await page.locator('#scope-clear').click();
    await page.waitForFunction(() => document.getElementById('scope')?.dataset.regionCode === '');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === '就绪。');
  });

  it('redraws every chart in English with the switch', async () => {
    await page.locator('#lang').click();
    expect((await pageState()).lang).toBe('en');
    expect((await drawn('targets')).title).toBe(`Targets of ${year}`);
    expect((await drawn('ranking')).title).toBe('Counties ranked: “Four haves” coverage');
    expect((await drawn('map')).subtext).toContain(`Data year: ${year}`);
    expect((await drawn('matrix')).title).toContain('Enterprises by chain and county');
    await page.locator('#lang').click();
    expect((await pageState()).lang).toBe('zh');
  });

  it('sends no request beyond 127.0.0.1 and logs no error', () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((u) => !u.startsWith(`${app.url}/`) && !u.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
