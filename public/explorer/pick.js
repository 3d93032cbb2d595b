// @ts-check
// The ends of the shortest path to find, chosen from a node's details.
import { $ } from './dom.js';
import { state } from './state.js';

/**
 * Makes the node of `data` the path's start or end.
 * @param {'from' | 'to'} end
 * @param {{ id: string, label: string }} data
 */
export function setPick(end, data) {
  state.pick[end] = data.id;
  $(`path-${end}`).textContent = data.label;
  $('find-path', HTMLButtonElement).disabled = !(state.pick.from && state.pick.to);
}

/** Forgets both ends. */
export function clearPick() {
  state.pick.from = null;
  state.pick.to = null;
  $('path-from').textContent = '—';
  $('path-to').textContent = '—';
  $('find-path', HTMLButtonElement).disabled = true;
}
