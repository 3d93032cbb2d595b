// @ts-check
// The suggestions of a selected firm (partners and 科技副总) or person (firms they could serve), in the details
// panel (planner role: a viewer's page shows a hint and sends no request).
import { codeOf, isPlanner, plannerGql } from './api.js';
import { button, messageOf } from './dom.js';
import { queries } from './documents.js';
import { text as t } from './i18n.js';
import { typeName } from './names.js';
import { navigation } from './navigation.js';
import { state } from './state.js';

/** @typedef {import('./answers.js').Suggestion} Suggestion */
/** @typedef {{ partners: (Suggestion & { type: string })[], deputies: (Suggestion & { title: string, employerId: string, employerName: string })[] }} FirmSuggestions */
/** @typedef {{ firms: (Suggestion & { gaps: string[] })[] }} PersonSuggestions */

/**
 * A heading, then the list of `items` as `render` draws each (or a hint that there is none).
 * @template {{ id: string, reasons?: string[] }} I
 * @param {string} id
 * @param {string} heading
 * @param {I[]} items
 * @param {(li: HTMLLIElement, item: I) => void} render
 */
function suggestionList(id, heading, items, render) {
  const section = document.createElement('section');
  const h = document.createElement('h3');
  h.textContent = heading;
  section.append(h);
  if (items.length === 0) {
    const none = document.createElement('p');
    none.className = 'hint';
    none.textContent = t('noSuggestions');
    section.append(none);
    return section;
  }
  const list = document.createElement('ol');
  list.id = id;
  list.className = 'suggestion-list';
  list.setAttribute('aria-label', heading);
  for (const item of items) {
    const li = document.createElement('li');
    li.dataset.id = item.id;
    render(li, item);
    if (item.reasons && item.reasons.length) {
      const reasons = document.createElement('ul');
      reasons.className = 'reasons';
      for (const reason of item.reasons) {
        const r = document.createElement('li');
        r.textContent = reason;
        reasons.append(r);
      }
      li.append(reasons);
    }
    list.append(li);
  }
  section.append(list);
  return section;
}

/**
 * An entity's name as a button that selects it on the map (or loads its neighbourhood).
 * @param {string} id
 * @param {string} name
 * @param {string} [className]
 */
export function suggestionButton(id, name, className = 'suggestion') {
  const b = button(name, () => navigation().focusNode(id));
  b.className = className;
  b.dataset.id = id;
  b.title = t('openMap');
  return b;
}

/**
 * A line of small print: the parts given, joined by ·.
 * @param {...(string | undefined)} parts
 */
function meta(...parts) {
  const span = document.createElement('span');
  span.className = 'meta';
  span.textContent = parts.filter(Boolean).join(' · ');
  return span;
}

/**
 * The suggestions of the firm or person `id`, filled in when the API answers (dropped if another element was shown
 * meanwhile). Without the planner role a hint, and no request.
 * @param {string} type Enterprise or Person
 * @param {string} id
 */
export function suggestionsBox(type, id) {
  const box = document.createElement('section');
  box.id = 'suggestions';
  box.className = 'suggestions';
  box.setAttribute('aria-live', 'polite');
  const hint = document.createElement('p');
  hint.className = 'hint';
  box.append(hint);
  if (isPlanner() === false) {
    box.dataset.state = 'needs-planner';
    hint.textContent = t('suggestionsNeedPlanner');
    return box;
  }
  box.dataset.state = 'loading';
  hint.textContent = t('suggestionsLoading');
  const request = state.detailsRequest;
  const query = type === 'Enterprise' ? queries.firmSuggestions : queries.personSuggestions;
  plannerGql(query, { id })
    .then((answer) => {
      if (request !== state.detailsRequest) return;
      /** @param {number} n */
      const score = (n) => t('score', { n });
      let sections;
      if (type === 'Enterprise') {
        const data = /** @type {FirmSuggestions} */ (answer);
        sections = [
          suggestionList('partner-suggestions', t('partnerSuggestions'), data.partners, (li, s) =>
            li.append(suggestionButton(s.id, s.name), ' ', meta(typeName(s.type), score(s.score))),
          ),
          suggestionList('deputy-suggestions', t('deputySuggestions'), data.deputies, (li, s) => {
            li.append(suggestionButton(s.id, s.name), ' ', meta(s.title, score(s.score)), document.createElement('br'));
            const employer = document.createElement('span');
            employer.className = 'meta';
            employer.append(`${t('employer')}: `, suggestionButton(s.employerId, s.employerName, 'suggestion minor'));
            li.append(employer);
          }),
        ];
      } else {
        const data = /** @type {PersonSuggestions} */ (answer);
        sections = [
          suggestionList('deputy-candidates', t('deputyCandidates'), data.firms, (li, s) =>
            li.append(suggestionButton(s.id, s.name), ' ', meta(s.gaps.map((g) => t(g)).join('、'), score(s.score))),
          ),
        ];
      }
      box.dataset.state = 'shown';
      hint.textContent = t('suggestionsNote');
      hint.hidden = !hint.textContent;
      box.replaceChildren(...sections, hint);
    })
    .catch((error) => {
      if (request !== state.detailsRequest) return;
      const forbidden = codeOf(error) === 'FORBIDDEN';
      box.dataset.state = forbidden ? 'needs-planner' : 'error';
      hint.textContent = forbidden ? t('suggestionsNeedPlanner') : messageOf(error);
      hint.classList.toggle('error', !forbidden);
    });
  return box;
}
