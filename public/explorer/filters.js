// @ts-check
// The type filters: a checkbox for each node type drawn, with its count; an unchecked type is hidden on the map.
import { $ } from './dom.js';
import { typeName } from './names.js';
import { graph, state } from './state.js';

/** Hides the nodes of the types unchecked. */
export function applyFilters() {
  graph()
    .nodes()
    .forEach((n) => {
      n.style('display', state.hiddenTypes.has(n.data('type')) ? 'none' : 'element');
    });
}

/** Draws a checkbox for each node type on the map, then applies them. */
export function renderTypeFilters() {
  const cy = graph();
  /** @type {string[]} */
  const types = [...new Set(cy.nodes().map((n) => n.data('type')))].sort();
  $('type-filters').replaceChildren(
    ...types.map((type) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.checked = !state.hiddenTypes.has(type);
      input.dataset.type = type;
      input.addEventListener('change', () => {
        if (input.checked) state.hiddenTypes.delete(type);
        else state.hiddenTypes.add(type);
        applyFilters();
      });
      label.append(input, ` ${typeName(type)} (${cy.nodes(`[type = "${type}"]`).length})`);
      const row = document.createElement('div');
      row.append(label);
      return row;
    }),
  );
  applyFilters();
}
