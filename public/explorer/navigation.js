// @ts-check
// The views the details panel and its suggestions open: they sit above that panel (a view clears it when it draws),
// so main.js registers them here rather than the panel importing them, which would be an import cycle.

/**
 * @typedef {object} Navigation
 * @property {(id: string) => Promise<void>} focusNode selects a node, loading its neighbourhood if it is not drawn
 * @property {(node: import('cytoscape').NodeSingular) => Promise<void>} openNode a double-click: expands a group or
 *   a segment, or adds a node's neighbourhood
 */

/** @type {Navigation | null} */
let registered = null;

/**
 * Registers the views (main.js, once at start).
 * @param {Navigation} navigation
 */
export function registerNavigation(navigation) {
  registered = navigation;
}

/** The views registered by main.js. */
export function navigation() {
  if (registered === null) throw new Error('the views are not registered yet');
  return registered;
}
