// @ts-check
// The map's Cytoscape stylesheet: node colours by label and relationship colours by type (palette.js), and the
// classes the views set — a chain map's chain, segments, groups and firm cards, a gap's red outline, hidden labels.
import { nodeColor, relationshipColor } from './palette.js';

/**
 * The stylesheet of the map.
 * @returns {import('cytoscape').StylesheetJson}
 */
export function graphStyle() {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(short)',
        'font-size': 12,
        'text-wrap': 'ellipsis',
        'text-max-width': '100px',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        width: 16,
        height: 16,
        'background-color': (n) => nodeColor(n.data('type')),
        color: '#1d2433',
        'min-zoomed-font-size': 0,
      },
    },
    { selector: 'node.lbl-left', style: { 'text-halign': 'left', 'text-valign': 'center', 'text-margin-x': -4 } },
    { selector: 'node.lbl-right', style: { 'text-halign': 'right', 'text-valign': 'center', 'text-margin-x': 4 } },
    { selector: 'node.lbl-top', style: { 'text-valign': 'top', 'text-margin-y': -3 } },
    {
      selector: 'node.focus',
      style: { width: 30, height: 30, 'font-size': 13, 'font-weight': 'bold', 'text-max-width': '160px' },
    },
    {
      selector: 'node.segment',
      style: {
        shape: 'round-rectangle',
        width: 180,
        height: 38,
        'background-color': nodeColor('ChainSegment'),
        color: '#ffffff',
        'text-valign': 'center',
        'text-halign': 'center',
        'text-margin-y': 0,
        'text-wrap': 'wrap',
        'text-max-width': '172px',
        'font-size': 13,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.chain',
      style: {
        shape: 'round-rectangle',
        width: 200,
        height: 34,
        'background-color': nodeColor('IndustryChain'),
        color: '#ffffff',
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-max-width': '190px',
        'font-size': 14,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        width: 170,
        height: 46,
        'background-color': '#ffffff',
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': (n) => nodeColor(n.data('memberType')),
        'text-valign': 'center',
        'text-halign': 'center',
        'text-margin-y': 0,
        'text-margin-x': 0,
        'text-wrap': 'wrap',
        'text-max-width': '160px',
        'font-size': 11,
      },
    },
    {
      // A firm of an expanded chain segment: a card with its name inside, on a grid under the segment.
      selector: 'node.card',
      style: {
        shape: 'round-rectangle',
        width: 108,
        height: 24,
        'background-color': '#e6eef8',
        'border-width': 1,
        'border-color': nodeColor('Enterprise'),
        'text-valign': 'center',
        'text-halign': 'center',
        'text-margin-y': 0,
        'text-max-width': '100px',
        'font-size': 12,
      },
    },
    { selector: 'node.gap', style: { 'border-width': 4, 'border-style': 'solid', 'border-color': '#d62728' } },
    { selector: 'node.tiny-label', style: { label: '' } },
    {
      selector: 'node.hover',
      style: {
        label: 'data(label)',
        'z-index': 99,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
      },
    },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f2c94c' } },
    {
      selector: 'edge',
      style: {
        width: (/** @type {import('cytoscape').EdgeSingular} */ e) =>
          1 + Math.log2(Math.max(1, Number(e.data('count')) || 1)) / 2,
        'line-color': (e) => relationshipColor(e.data('type')),
        'target-arrow-color': (e) => relationshipColor(e.data('type')),
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
        label: '',
        'font-size': 10,
        color: '#5b6577',
      },
    },
    { selector: 'edge.feeds', style: { width: 5, label: 'data(short)', 'text-margin-y': -10, 'font-size': 12 } },
    { selector: 'edge.hover, edge:selected', style: { label: 'data(type)', 'z-index': 99 } },
    {
      selector: '.path',
      style: { 'line-color': '#e0467c', 'target-arrow-color': '#e0467c', width: 3, 'background-color': '#e0467c' },
    },
  ];
}
