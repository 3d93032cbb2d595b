// @ts-check
// The legend: a swatch for each node type and (coloured) relationship type drawn, the group and gap marks.
import { $ } from './dom.js';
import { text as t } from './i18n.js';
import { typeName } from './names.js';
import { GROUP, nodeColor, ownRelationshipColor, relationshipColor } from './palette.js';
import { graph } from './state.js';

/**
 * A legend row: a swatch of colour `swatch`, then `label`.
 * @param {string} swatch
 * @param {string} label
 * @param {string} cls
 */
function item(swatch, label, cls) {
  const row = document.createElement('div');
  row.className = `legend-item ${cls}`;
  const mark = document.createElement('span');
  mark.className = 'swatch';
  mark.style.background = swatch;
  row.append(mark, label);
  return row;
}

/** Draws the legend of what the map shows now. */
export function renderLegend() {
  const cy = graph();
  /** @type {string[]} */
  const types = [...new Set(cy.nodes().map((n) => (n.data('type') === GROUP ? n.data('memberType') : n.data('type'))))];
  // Only the relationship types with a colour of their own: the others are all the default grey.
  const rels = [...new Set(cy.edges().map((e) => String(e.data('type'))))].filter((r) => ownRelationshipColor(r));
  $('legend').replaceChildren(
    ...types.sort().map((type) => item(nodeColor(type), typeName(type), 'node-type')),
    ...rels.sort().map((rel) => item(relationshipColor(rel), rel, 'edge-type')),
    item('#ffffff', t('groupMark'), 'group-mark'),
    item('#d62728', t('gapMark'), 'gap-mark'),
  );
}
