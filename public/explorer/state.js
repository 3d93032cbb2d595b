// @ts-check
// What the page's modules share and change: the graph, what it shows, the requests in flight, the user's choices.
// One object, so that every write to it is a visible `state.x = …`; a panel's own paging stays in its module.

/** @typedef {import('cytoscape').Core} Core */

/**
 * What is drawn, for re-layouts and redrawing in another language: nothing, a neighbourhood (its focus), a chain map
 * (its chain, the column of each segment, the firms of each expanded segment), or a shortest path.
 * @typedef {{ kind: 'none' } | { kind: 'path' } | { kind: 'neighbourhood', focus: string }
 *   | { kind: 'chain', chainId: string, columns: Map<string, number>, expanded: Map<string, string[]> }} View
 */

/**
 * @typedef {object} State
 * @property {Core | null} cy the map (created by main.js; read it through graph())
 * @property {View} view
 * @property {number} viewRequest each request for a view; an answer to an older one (another view was chosen
 *   meanwhile) is dropped
 * @property {number} detailsRequest the details shown last: a suggestion or history answer for an element shown
 *   before it is dropped
 * @property {{ from: string | null, to: string | null }} pick the ends of the shortest path asked for
 * @property {Set<string>} hiddenTypes the node types the type filters hide
 * @property {number | null} reportYear the latest year with annual reports (the report-based lists, the coverage)
 * @property {number | null} targetYear the latest year with targets (the review)
 */

/** @type {State} */
export const state = {
  cy: null,
  view: { kind: 'none' },
  viewRequest: 0,
  detailsRequest: 0,
  pick: { from: null, to: null },
  hiddenTypes: new Set(),
  reportYear: null,
  targetYear: null,
};

/**
 * The map; main.js creates it before anything draws.
 * @returns {Core}
 */
export function graph() {
  if (state.cy === null) throw new Error('the map is not created yet');
  return state.cy;
}
