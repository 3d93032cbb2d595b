// @ts-check
// What the planner's panels (gaps.js, coverage.js, review.js) share: the filters of their forms, their tables of
// rows that open on the map, and downloads of what they show (GET /export/…).
import { authHeaders, showTokenForm } from './api.js';
import { showChainMap } from './chainMap.js';
import { $, status } from './dom.js';
import { text as t } from './i18n.js';
import { showNeighborhood } from './neighbourhood.js';

/**
 * A panel's query: the GraphQL variables and their types (argument name → GraphQL type, as documents.js declares
 * them).
 * @typedef {{ args: Record<string, string | number | null>, types: Record<string, string> }} PanelQuery
 */

/**
 * Adds the region and chain chosen in the form of `prefix` (those the field `takes`) to `query`.
 * @param {string} prefix gap, coverage or review
 * @param {PanelQuery} query
 * @param {readonly string[]} [takes]
 */
export function addFilters(prefix, { args, types }, takes = ['regionCode', 'chainId']) {
  const region = $(`${prefix}-region`, HTMLSelectElement).value;
  if (takes.includes('regionCode') && region) {
    args.regionCode = region;
    types.regionCode = 'RegionCode';
  }
  const chain = $(`${prefix}-chain`, HTMLSelectElement).value;
  if (takes.includes('chainId') && chain) {
    args.chainId = chain;
    types.chainId = 'ID';
  }
}

/**
 * The year of the form of `prefix`, or `fallback` when none is entered.
 * @param {string} prefix
 * @param {number | null} fallback
 */
export const formYear = (prefix, fallback) => Number($(`${prefix}-year`, HTMLInputElement).value) || fallback;

/**
 * Fills `table` with a heading row of `headers`, then `rows`.
 * @param {HTMLElement} table
 * @param {string[]} headers
 * @param {HTMLTableRowElement[]} rows
 */
export function rowsTable(table, headers, rows) {
  const head = document.createElement('tr');
  for (const h of headers) {
    const th = document.createElement('th');
    th.textContent = h;
    head.append(th);
  }
  table.replaceChildren(head, ...rows);
}

/**
 * A row of `cells`, which calls `onOpen` when clicked (if given).
 * @param {string[]} cells
 * @param {() => void} [onOpen]
 */
export function rowOf(cells, onOpen) {
  const tr = document.createElement('tr');
  for (const cell of cells) tr.insertCell().textContent = cell;
  if (onOpen) {
    tr.classList.add('link');
    tr.title = t('openMap');
    tr.addEventListener('click', onOpen);
  }
  return tr;
}

/**
 * What a row opens on the map: a chain's map, a segment's chain's map, anything else's neighbourhood.
 * @param {string} kind
 * @param {{ id: string, chains?: { id: string }[] }} item
 */
export const openRow = (kind, item) => () => {
  const chain = item.chains?.[0];
  if (kind === 'IndustryChain') showChainMap(item.id);
  else if (kind === 'ChainSegment' && chain) showChainMap(chain.id);
  else showNeighborhood(item.id, true);
};

/**
 * Downloads an export (GET /export/…) with the token, under the name the API gives it.
 * @param {string} path
 * @param {Record<string, string | number | null | undefined>} params
 * @param {string} format xlsx or csv
 */
export async function download(path, params, format) {
  const query = new URLSearchParams(
    Object.entries({ ...params, format }).flatMap(([k, v]) =>
      v !== null && v !== '' && v !== undefined ? [[k, String(v)]] : [],
    ),
  );
  const response = await fetch(`${path}?${query}`, { headers: authHeaders() });
  if (response.status === 401) showTokenForm(true);
  if (!response.ok) {
    const body = /** @type {{ errors?: { message?: string }[] }} */ (await response.json().catch(() => ({})));
    status(body.errors?.[0]?.message || `HTTP ${response.status}`, true);
    return;
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '')?.[1] || `export.${format}`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  status(t('exported', { file: name }));
}
