// @ts-check
// The chains, regions and latest years the page offers: the choices of the chain map and of the panels' filters,
// and the panels' default years.
import { gql } from './api.js';
import { $, messageOf, status } from './dom.js';
import { queries } from './documents.js';
import { text as t } from './i18n.js';
import { state } from './state.js';

/**
 * Replaces the options of `select` by "all" and `items` ([value, label]), keeping its choice.
 * @param {HTMLSelectElement} select
 * @param {[string, string][]} items
 * @param {string} allLabel
 */
function fillSelect(select, items, allLabel) {
  const current = select.value;
  const all = document.createElement('option');
  all.value = '';
  all.textContent = allLabel;
  select.replaceChildren(
    all,
    ...items.map(([value, label]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      return option;
    }),
  );
  select.value = current;
}

/**
 * The chains, regions and the latest report and target years: the choices of the selectors and the panels' default
 * year. Resolves when done (an error is said in the status line).
 * @returns {Promise<void>}
 */
export function loadReferenceLists() {
  return gql(queries.referenceLists)
    .then((answer) => {
      const data =
        /** @type {{ industryChains: { id: string, name: string }[], regions: { code: string, name: string, level: string }[], targets: { year: number }[], reports: { year: number }[] }} */ (
          answer
        );
      /** @type {[string, string][]} */
      const chains = data.industryChains.map((c) => [c.id, c.name]);
      fillSelect($('chain-select', HTMLSelectElement), chains, t('chooseChain'));
      /** @type {[string, string][]} */
      const regions = data.regions.filter((r) => r.level !== 'CITY').map((r) => [r.code, r.name]);
      for (const prefix of ['gap', 'coverage', 'review']) {
        fillSelect($(`${prefix}-chain`, HTMLSelectElement), chains, t('allChains'));
        fillSelect($(`${prefix}-region`, HTMLSelectElement), regions, t('allRegions'));
      }
      const fallback = new Date().getFullYear() - 1;
      const reportYear = data.reports[0] ? data.reports[0].year : fallback;
      const targetYear = data.targets[0] ? data.targets[0].year : reportYear;
      state.reportYear = reportYear;
      state.targetYear = targetYear;
      const coverageYear = $('coverage-year', HTMLInputElement);
      if (!coverageYear.value) coverageYear.value = String(reportYear);
      const reviewYear = $('review-year', HTMLInputElement);
      if (!reviewYear.value) reviewYear.value = String(targetYear);
      status(t('ready'));
    })
    .catch((error) => status(messageOf(error), true));
}
