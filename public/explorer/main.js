// @ts-check
// The map explorer: native ES modules, no build step, every asset served by the API itself (the machines are
// offline, so no CDN). It talks only to POST /graphql (and GET /export/… for downloads), with the same queries a
// front end would send (documents.js). Views: a chain map laid out as a chain (chainMap.js), a neighbourhood whose
// repeated neighbours are grouped (neighbourhood.js), shortest paths, and the planner's panels (gaps.js,
// coverage.js, review.js). This module wires the page: it creates the map, connects the controls to the views, and
// loads the reference lists.
import { forgetToken, gql, keepToken, showTokenForm, storedToken } from './api.js';
import { showChainMap } from './chainMap.js';
import { resetDetails, showDetails } from './details.js';
import { $, button, messageOf, status } from './dom.js';
import { queries } from './documents.js';
import { openNode } from './expand.js';
import { renderTypeFilters } from './filters.js';
import { wireCoverage } from './coverage.js';
import { fillGapNames, wireGaps } from './gaps.js';
import { createGraph, edgeElement, nodeElement, runLayout, updateCounts } from './graph.js';
import { apply as applyText, language, setLanguage, text as t } from './i18n.js';
import { renderLegend } from './legend.js';
import { typeName } from './names.js';
import { registerNavigation } from './navigation.js';
import { focusNode, showNeighborhood } from './neighbourhood.js';
import { clearPick } from './pick.js';
import { loadReferenceLists } from './referenceLists.js';
import { wireReview } from './review.js';
import { graph, state } from './state.js';
import { selectTab, wireTabs } from './tabs.js';
import { hideTooltip, showTooltip } from './tooltip.js';
import { clearGraph } from './view.js';

/** @typedef {import('./answers.js').Subgraph} Subgraph */

/** Clicks, double-clicks and hovers on the map. */
function wireGraph() {
  const cy = graph();
  cy.on('tap', 'node, edge', (event) => showDetails(event.target));
  cy.on('dbltap', 'node', (event) => openNode(event.target));
  cy.on('mouseover', 'node', (event) => {
    event.target.addClass('hover');
    event.target.connectedEdges().addClass('hover');
    showTooltip(event.target);
  });
  cy.on('mouseout', 'node', (event) => {
    event.target.removeClass('hover');
    event.target.connectedEdges().removeClass('hover');
    hideTooltip();
  });
  cy.on('pan zoom', hideTooltip);
}

/** The search box: its hits as buttons that open a chain's map or a node's neighbourhood. */
function wireSearch() {
  $('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = $('search-input', HTMLInputElement).value.trim();
    if (!query) return;
    status(t('searching', { text: query }));
    try {
      const data = /** @type {{ search: { id: string, type: string, label: string }[] }} */ (
        await gql(queries.search, { text: query })
      );
      $('results').replaceChildren(
        ...data.search.map((hit) => {
          const li = document.createElement('li');
          const b = button('', () =>
            hit.type === 'IndustryChain' ? showChainMap(hit.id) : showNeighborhood(hit.id, true),
          );
          b.dataset.id = hit.id;
          b.append(hit.label, document.createElement('br'));
          const small = document.createElement('small');
          small.textContent = typeName(hit.type);
          b.append(small);
          li.append(b);
          return li;
        }),
      );
      status(t('hits', { n: data.search.length, text: query }));
    } catch (error) {
      status(messageOf(error), true);
    }
  });
}

/** The shortest path between the two nodes picked in the details panel. */
async function findPath() {
  status(t('loading'));
  try {
    const data = /** @type {{ shortestPath: Subgraph }} */ (
      await gql(queries.shortestPath, { from: state.pick.from, to: state.pick.to })
    );
    const path = data.shortestPath;
    if (path.nodes.length === 0) {
      status(t('noPath'));
      return;
    }
    clearGraph();
    graph().add([...path.nodes.map((n) => nodeElement(n, 'path')), ...path.edges.map((e) => edgeElement(e, 'path'))]);
    state.view = { kind: 'path' };
    await runLayout({ name: 'breadthfirst', directed: false, roots: [String(state.pick.from)], spacingFactor: 1.2 });
    status(t('pathFound', { n: path.edges.length }));
  } catch (error) {
    status(messageOf(error), true);
  }
}

/** The header's controls and the left column's: chain map, path, clear, language, token. */
function wireControls() {
  $('chain-select', HTMLSelectElement).addEventListener('change', (event) => {
    const select = /** @type {HTMLSelectElement} */ (event.target);
    if (select.value) showChainMap(select.value);
  });
  $('find-path').addEventListener('click', findPath);
  $('clear').addEventListener('click', () => {
    clearGraph();
    state.hiddenTypes.clear();
    clearPick();
    renderTypeFilters();
    renderLegend();
    updateCounts();
    status(t('cleared'));
  });
  $('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh' : 'en');
    resetDetails();
    renderLegend();
    renderTypeFilters();
    fillGapNames();
    // The map's own words (group labels, the FEEDS label) are drawn with the view: draw it again in the new language.
    loadReferenceLists().then(() => {
      const view = state.view;
      if (view.kind === 'chain') return showChainMap(view.chainId);
      if (view.kind === 'neighbourhood') return showNeighborhood(view.focus, true);
      return undefined;
    });
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('token-input', HTMLInputElement);
    const token = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    keepToken(token);
    input.value = '';
    loadReferenceLists();
  });
  $('token-forget').addEventListener('click', () => {
    forgetToken();
    status(t('tokenForgotten'));
  });
}

/**
 * For browser tests, the front-end team and debugging from the console (README, "The explorer"): each view's
 * promise resolves once its layout has stopped.
 * @typedef {object} ExplorerHandle
 * @property {import('cytoscape').Core} cy
 * @property {(id: string) => Promise<void>} showChainMap
 * @property {(id: string) => Promise<void>} showNeighborhood
 * @property {(id: string) => Promise<void>} expandGroup
 * @property {(id: string) => Promise<void>} focus
 * @property {() => void} clear
 */

function start() {
  const cy = createGraph($('graph'));
  state.cy = cy;
  registerNavigation({ focusNode, openNode });
  wireGraph();
  wireSearch();
  wireControls();
  wireTabs();
  wireGaps();
  wireCoverage();
  wireReview();
  /** @type {ExplorerHandle} */
  const handle = {
    cy,
    showChainMap: (id) => showChainMap(id, true),
    showNeighborhood: (id) => showNeighborhood(id, true, true),
    expandGroup: (id) => openNode(cy.getElementById(id)),
    focus: (id) => focusNode(id),
    clear: () => $('clear').click(),
  };
  /** @type {Window & { explorer?: ExplorerHandle }} */ (window).explorer = handle;

  applyText();
  fillGapNames();
  selectTab('details');
  resetDetails();
  renderLegend();
  if (storedToken()) showTokenForm(false);
  loadReferenceLists();
}

start();
