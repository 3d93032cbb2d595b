// @ts-check
// The map itself: the Cytoscape instance, the elements the views add, and what follows every layout (labels too
// small to read hidden, the filters, the legend and the counts redrawn).
import { $ } from './dom.js';
import { renderTypeFilters } from './filters.js';
import { graphStyle } from './graphStyle.js';
import { renderLegend } from './legend.js';
import { shortName } from './names.js';
import { graph } from './state.js';

/** @typedef {import('./answers.js').GraphNode} GraphNode */
/** @typedef {import('./answers.js').GraphEdge} GraphEdge */
/** @typedef {import('cytoscape').ElementDefinition} ElementDefinition */

/** Labels smaller than this on screen are hidden (shown on hover), so the drawing never shows unreadable text. */
const MIN_LABEL_PX = 8;

/**
 * Creates the map in `container` (Cytoscape, loaded by index.html as a global from /explorer/vendor).
 * @param {HTMLElement} container
 */
export function createGraph(container) {
  const cy = cytoscape({ container, style: graphStyle(), maxZoom: 2.5, minZoom: 0.05 });
  cy.on('zoom', updateLabels);
  return cy;
}

/**
 * A node of a subgraph as a map element, with its short name as the label.
 * @param {GraphNode} n
 * @param {string} [classes]
 * @returns {ElementDefinition}
 */
export const nodeElement = (n, classes) => ({
  group: 'nodes',
  data: { id: n.id, label: n.label, short: shortName(n.label), type: n.type, properties: n.properties },
  classes: classes || '',
});

/**
 * A relationship of a subgraph as a map element.
 * @param {GraphEdge} e
 * @param {string} [classes]
 * @returns {ElementDefinition}
 */
export const edgeElement = (e, classes) => ({
  group: 'edges',
  data: { id: e.id, source: e.source, target: e.target, type: e.type, properties: e.properties },
  classes: classes || '',
});

/** The footer's counts of what is drawn (the browser tests read them from data-nodes and data-edges). */
export function updateCounts() {
  const cy = graph();
  const el = $('counts');
  const nodes = cy.nodes().length;
  const edges = cy.edges().length;
  el.dataset.nodes = String(nodes);
  el.dataset.edges = String(edges);
  el.textContent = `· ${nodes} nodes, ${edges} edges`;
}

/** Labels too small to read at this zoom are hidden; key nodes (chain, segments, groups, the focus) never are. */
export function updateLabels() {
  const cy = graph();
  const zoom = cy.zoom();
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const key = n.hasClass('segment') || n.hasClass('group') || n.hasClass('chain') || n.hasClass('focus');
      n.toggleClass('tiny-label', !key && Number(n.numericStyle('font-size')) * zoom < MIN_LABEL_PX);
    });
  });
}

/**
 * Runs a layout and resolves once it has stopped and the view has been fitted.
 * @param {import('cytoscape').LayoutOptions} options
 * @returns {Promise<void>}
 */
export function runLayout(options) {
  const layout = graph().layout(
    /** @type {import('cytoscape').LayoutOptions} */ ({ animate: false, fit: true, padding: 30, ...options }),
  );
  const done = layout.promiseOn('layoutstop');
  layout.run();
  return done.then(() => {
    updateLabels();
    renderTypeFilters();
    renderLegend();
    updateCounts();
  });
}
