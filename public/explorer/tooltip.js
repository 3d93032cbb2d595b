// @ts-check
// The tooltip over a hovered node: its full name, its type, and the gap it marks.
import { $ } from './dom.js';
import { typeName } from './names.js';
import { GROUP } from './palette.js';

export function hideTooltip() {
  $('tooltip').hidden = true;
}

/**
 * Shows the tooltip of `node` beside it.
 * @param {import('cytoscape').NodeSingular} node
 */
export function showTooltip(node) {
  const tip = $('tooltip');
  const data = node.data();
  tip.textContent = [data.label, data.type === GROUP ? typeName(data.memberType) : typeName(data.type), data.gapReason]
    .filter(Boolean)
    .join('\n');
  const p = node.renderedPosition();
  tip.style.left = `${p.x + 12}px`;
  tip.style.top = `${p.y + 12}px`;
  tip.hidden = false;
}
