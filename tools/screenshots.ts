/**
 * Regenerates the explorer's screenshots in docs/screenshots/ (shown in the README) from a running API with the
 * demo city loaded (`npm start`), in headless Chromium at 1400×900:
 *
 *   npx tsx tools/screenshots.ts [--url http://127.0.0.1:4000] [--out docs/screenshots]
 *
 * Chromium: CHROMIUM_PATH, else /usr/bin/chromium (Debian's package). Where the API needs a token, give one in
 * EXPLORER_TOKEN (a planner's, for the panels).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { chainId, segmentId } from '../seed/reference/industry';
import { fromRoot } from '../src/paths';

type Explorer = {
  focus(id: string): Promise<void>;
  showChainMap(id: string): Promise<void>;
  showNeighborhood(id: string): Promise<void>;
  expandGroup(id: string): Promise<void>;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string', default: 'http://127.0.0.1:4000' }, out: { type: 'string' } },
  });
  const base = values.url as string;
  const out = values.out ?? fromRoot('docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (process.env.EXPLORER_TOKEN) {
      await page.addInitScript(
        (token) => window.localStorage.setItem('innovation-graph.token', token),
        process.env.EXPLORER_TOKEN,
      );
    }
    await page.goto(`${base}/explorer/`);
    await page.waitForFunction(() => document.querySelectorAll('#chain-select option').length > 1);
    const shot = async (name: string) => {
      await page.screenshot({ path: path.join(out, `${name}.png`) });
      console.log(`written ${path.join(out, `${name}.png`)}`);
    };
    type Window = { explorer: Explorer };
    await page.evaluate((id) => (window as unknown as Window).explorer.showChainMap(id), chainId('textile'));
    await shot('chain-map');
    const group = `group:${segmentId('textile', 0)}`;
    await page.evaluate((id) => (window as unknown as Window).explorer.expandGroup(id), group);
    await shot('chain-map-expanded');
    await page.evaluate((id) => (window as unknown as Window).explorer.showNeighborhood(id), 'ent-pmsm');
    await shot('neighbourhood');
    // The flagship's partner and 科技副总 suggestions next to its properties.
    await page.evaluate((id) => (window as unknown as Window).explorer.focus(id), 'ent-pmsm');
    await page.waitForFunction(() => document.getElementById('suggestions')?.dataset.state === 'shown');
    await shot('explorer-suggestions');
    await panel(page, 'gaps', async () => {
      await page.selectOption('#gap-name', 'enterprisesWithoutConsortium');
      await page.click('#gap-form button[type=submit]');
      await page.waitForFunction(() => (document.getElementById('gap-summary') as HTMLElement).dataset.total !== '');
    });
    await shot('panel-gaps');
    await panel(page, 'coverage', async () => {
      await page.click('#coverage-form button[type=submit]');
      await page.waitForFunction(
        () => (document.getElementById('coverage-summary') as HTMLElement).dataset.total !== '',
      );
    });
    await shot('panel-coverage');
    await panel(page, 'review', async () => {
      await page.click('#review-form button[type=submit]');
      await page.waitForFunction(() => (document.getElementById('review-summary') as HTMLElement).dataset.met !== '');
    });
    await shot('panel-review');
    await page.goto(`${base}/graphiql/`);
    await page.locator('.graphiql-query-editor').waitFor();
    await shot('graphiql');
  } finally {
    await browser.close();
  }
}

async function panel(page: Page, name: string, fill: () => Promise<void>): Promise<void> {
  await page.click(`#tabs button[data-tab="${name}"]`);
  await fill();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
