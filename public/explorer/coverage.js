// @ts-check
// The four-haves coverage panel (planner role): covered / total for a year and the filters, and a page at a time of
// the firms that lack one of the four; downloads of the whole list.
import { codeOf, plannerGql } from './api.js';
import { $, messageOf } from './dom.js';
import { coverage, PAGE } from './documents.js';
import { text as t } from './i18n.js';
import { addFilters, download, formYear, openRow, rowOf, rowsTable } from './panels.js';
import { state } from './state.js';

/** @typedef {import('./panels.js').PanelQuery} PanelQuery */

/** The coverage asked for last (paging keeps its arguments even if the form changed since) and the page shown. */
const coverageState = {
  offset: 0,
  /** @type {PanelQuery | null} */
  query: null,
};

/**
 * The coverage the form asks for: its year (the latest report year by default) and filters.
 * @returns {PanelQuery}
 */
function coverageQuery() {
  /** @type {PanelQuery} */
  const query = { args: { year: formYear('coverage', state.reportYear) }, types: { year: 'Int!' } };
  addFilters('coverage', query);
  return query;
}

async function showCoverage() {
  if (!coverageState.query) return;
  const { args, types } = coverageState.query;
  try {
    const data =
      /** @type {{ c: { covered: number, total: number, missing: number, ratio: number }, rows: { id: string, name: string, missingFourHaves: string[] }[] }} */ (
        await plannerGql(coverage(types), { ...args, offset: coverageState.offset })
      );
    const c = data.c;
    const summary = $('coverage-summary');
    summary.dataset.covered = String(c.covered);
    summary.dataset.total = String(c.total);
    summary.dataset.missing = String(c.missing);
    summary.textContent = t('coverage', {
      covered: c.covered,
      total: c.total,
      ratio: `${(c.ratio * 100).toFixed(1)}%`,
      missing: c.missing,
    });
    $('coverage-page').textContent = c.missing
      ? t('page', { from: coverageState.offset + 1, to: coverageState.offset + data.rows.length })
      : '';
    $('coverage-prev', HTMLButtonElement).disabled = coverageState.offset === 0;
    $('coverage-next', HTMLButtonElement).disabled = coverageState.offset + PAGE >= c.missing;
    rowsTable(
      $('coverage-table'),
      ['#', t('name'), t('lacks')],
      data.rows.map((item, i) =>
        rowOf(
          [String(coverageState.offset + i + 1), item.name, item.missingFourHaves.map((m) => t(m)).join('、')],
          openRow('Enterprise', item),
        ),
      ),
    );
  } catch (error) {
    $('coverage-summary').textContent = codeOf(error) === 'FORBIDDEN' ? t('needsPlanner') : messageOf(error);
  }
}

/** The panel's form, its pager and its downloads. */
export function wireCoverage() {
  $('coverage-form').addEventListener('submit', (event) => {
    event.preventDefault();
    coverageState.query = coverageQuery();
    coverageState.offset = 0;
    showCoverage();
  });
  $('coverage-prev').addEventListener('click', () => {
    coverageState.offset = Math.max(0, coverageState.offset - PAGE);
    showCoverage();
  });
  $('coverage-next').addEventListener('click', () => {
    coverageState.offset += PAGE;
    showCoverage();
  });
  for (const format of ['xlsx', 'csv']) {
    $(`coverage-${format}`).addEventListener('click', () =>
      download('/export/gap/fourHavesCoverage', coverageQuery().args, format),
    );
  }
}
