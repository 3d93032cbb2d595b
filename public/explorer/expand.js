// @ts-check
// A double-click on the map: a group shows its members, a chain segment its firms, any other node adds its
// neighbourhood to the view.
import { expandSegment, layoutChain } from './chainMap.js';
import { messageOf, status } from './dom.js';
import { edgeElement, nodeElement } from './graph.js';
import { layoutAround, showNeighborhood } from './neighbourhood.js';
import { graph, state } from './state.js';

/** @typedef {import('./neighbourhood.js').GroupContent} GroupContent */

/**
 * Replaces a group node by its members (and their relationships), then lays the view out again.
 * @param {string} groupId
 */
async function expandGroup(groupId) {
  const cy = graph();
  const group = cy.getElementById(groupId);
  const content = /** @type {GroupContent | undefined} */ (group.scratch('_members'));
  if (!content) return;
  const position = group.position();
  // Members of a chain map's partner group join the partners' band.
  const classes = group.hasClass('partner') ? 'partner' : '';
  group.remove();
  cy.add(
    content.members
      .filter((n) => cy.getElementById(n.id).empty())
      .map((n) => ({ ...nodeElement(n, classes), position: { ...position } })),
  );
  cy.add(
    content.edges
      .filter(
        (e) =>
          cy.getElementById(e.id).empty() &&
          cy.getElementById(e.source).nonempty() &&
          cy.getElementById(e.target).nonempty(),
      )
      .map((e) => edgeElement(e)),
  );
  if (state.view.kind === 'chain') await layoutChain();
  else if (state.view.kind === 'neighbourhood') await layoutAround(state.view.focus);
}

/**
 * Double-click: a group shows its members, a chain segment its firms, any other node its neighbourhood.
 * @param {import('cytoscape').NodeSingular} node
 */
export async function openNode(node) {
  try {
    if (node.hasClass('group') && node.data('segment')) await expandSegment(node.data('segment'));
    else if (node.hasClass('group')) await expandGroup(node.id());
    else if (
      node.hasClass('segment') &&
      state.view.kind === 'chain' &&
      graph().getElementById(`group:${node.id()}`).nonempty()
    ) {
      await expandSegment(node.id());
    } else await showNeighborhood(node.id(), false);
  } catch (error) {
    status(messageOf(error), true);
  }
}
