// @ts-check
// Clearing the map before a view draws: any answer still awaited for the last view is dropped.
import { resetDetails } from './details.js';
import { graph, state } from './state.js';
import { hideTooltip } from './tooltip.js';

/** Removes everything drawn and forgets the view. */
export function clearGraph() {
  state.viewRequest += 1;
  graph().elements().remove();
  state.view = { kind: 'none' };
  resetDetails();
  hideTooltip();
}
