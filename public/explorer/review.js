// @ts-check
// The target review panel: each annual target of a year (and the filters) against its actual value, met or not;
// downloads of the review.
import { codeOf, gql } from './api.js';
import { $, messageOf } from './dom.js';
import { review } from './documents.js';
import { text as t } from './i18n.js';
import { addFilters, download, formYear, rowOf, rowsTable } from './panels.js';
import { state } from './state.js';

/** @typedef {import('./panels.js').PanelQuery} PanelQuery */
/**
 * @typedef {object} TargetLine a target of Query.targetReview
 * @property {string} metric
 * @property {number | null} target
 * @property {number | null} actual
 * @property {string} status MET, NOT_MET, UNAVAILABLE or SUPPRESSED
 * @property {number | null} previousActual
 * @property {number | null} change
 */

/**
 * The review the form asks for: its year (the latest target year by default) and filters.
 * @returns {PanelQuery}
 */
function reviewQuery() {
  /** @type {PanelQuery} */
  const query = { args: { year: formYear('review', state.targetYear) }, types: { year: 'Int!' } };
  addFilters('review', query);
  return query;
}

/**
 * A figure as the table shows it: — for none, integers as they are, others to three decimals.
 * @param {number | null | undefined} v
 */
const number = (v) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3));

async function showReview() {
  const { args, types } = reviewQuery();
  try {
    const data =
      /** @type {{ r: { met: number, notMet: number, unavailable: number, suppressed: number, targets: TargetLine[] } }} */ (
        await gql(review(types), args)
      );
    const r = data.r;
    const summary = $('review-summary');
    summary.dataset.met = String(r.met);
    summary.dataset.notMet = String(r.notMet);
    summary.textContent = t('reviewSummary', r);
    /** @type {Readonly<Record<string, string>>} */
    const statusText = {
      MET: t('met'),
      NOT_MET: t('notMet'),
      UNAVAILABLE: t('unavailable'),
      SUPPRESSED: t('suppressed'),
    };
    rowsTable(
      $('review-table'),
      [t('metric'), t('target'), t('actual'), t('previous'), t('trend'), t('status')],
      r.targets.map((x) => {
        const change = x.change ?? 0;
        const tr = rowOf([
          x.metric,
          number(x.target),
          number(x.actual),
          number(x.previousActual),
          `${change > 0 ? '↑' : change < 0 ? '↓' : ''}${number(x.change)}`,
          statusText[x.status] ?? '',
        ]);
        tr.classList.add(x.status === 'MET' ? 'met' : x.status === 'NOT_MET' ? 'not-met' : 'unavailable');
        return tr;
      }),
    );
  } catch (error) {
    $('review-summary').textContent = codeOf(error) === 'FORBIDDEN' ? t('needsPlanner') : messageOf(error);
  }
}

/** The panel's form and its downloads. */
export function wireReview() {
  $('review-form').addEventListener('submit', (event) => {
    event.preventDefault();
    showReview();
  });
  for (const format of ['xlsx', 'csv']) {
    $(`review-${format}`).addEventListener('click', () => download('/export/review', reviewQuery().args, format));
  }
}
