// @ts-check
// The details panel: a clicked node's or relationship's properties, its actions (expand, path ends), and for a firm
// or a person the suggestions and the change history.
import { $, button } from './dom.js';
import { historyBox } from './history.js';
import { text as t } from './i18n.js';
import { navigation } from './navigation.js';
import { typeName } from './names.js';
import { GROUP } from './palette.js';
import { setPick } from './pick.js';
import { state } from './state.js';
import { suggestionsBox } from './suggestions.js';
import { selectTab } from './tabs.js';

/** The panel's hint, as it is before anything is selected. */
export function resetDetails() {
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = t('detailsHint');
  $('details').replaceChildren(hint);
}

/**
 * Shows `element`'s properties (and what can be done with it) in the details panel.
 * @param {import('cytoscape').SingularElementArgument} element
 */
export function showDetails(element) {
  const data = element.data();
  const table = document.createElement('table');
  /** @type {[string, unknown][]} */
  let rows;
  if (element.isNode()) {
    rows = [
      [t('name'), data.label],
      ['type', data.type === GROUP ? `${typeName(GROUP)} · ${typeName(data.memberType)}` : data.type],
      ['id', data.id],
    ];
    if (data.count !== undefined) rows.push(['count', data.count]);
    if (data.gapReason) rows.push(['gap', data.gapReason]);
    rows.push(...Object.entries(data.properties || {}).filter(([k]) => k !== 'id'));
  } else {
    rows = [
      ['relationship', data.type],
      ['from', data.source],
      ['to', data.target],
      ...Object.entries(data.properties || {}),
    ];
  }
  for (const [key, value] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = key;
    tr.insertCell().textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const details = $('details');
  details.replaceChildren(table);
  selectTab('details');
  state.detailsRequest += 1;
  if (!element.isNode()) return;
  const node = element;
  const open = () => navigation().openNode(node);
  const actions = document.createElement('p');
  if (node.hasClass('group')) actions.append(button(t('expand'), open));
  else {
    actions.append(
      button(t('expand'), open),
      ' ',
      button(t('pathFrom'), () => setPick('from', data)),
      ' ',
      button(t('pathTo'), () => setPick('to', data)),
    );
  }
  details.append(actions);
  if (node.hasClass('group')) return;
  if (data.type === 'Enterprise' || data.type === 'Person') details.append(suggestionsBox(data.type, data.id));
  const request = state.detailsRequest;
  details.append(historyBox(data.id, () => request === state.detailsRequest));
}
