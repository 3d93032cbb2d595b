// @ts-check
// A node's neighbourhood: its neighbours on concentric rings, those of one type over one relationship grouped into
// one node beyond GROUP_THRESHOLD (a group expands on double-click, expand.js).
import { gql } from './api.js';
import { showDetails } from './details.js';
import { messageOf, status } from './dom.js';
import { queries } from './documents.js';
import { edgeElement, nodeElement, runLayout, updateLabels } from './graph.js';
import { text as t } from './i18n.js';
import { countOf, relationName } from './names.js';
import { GROUP } from './palette.js';
import { graph, state } from './state.js';
import { clearGraph } from './view.js';

/** @typedef {import('./answers.js').Subgraph} Subgraph */
/** @typedef {import('./answers.js').GraphNode} GraphNode */
/** @typedef {import('./answers.js').GraphEdge} GraphEdge */
/** @typedef {import('cytoscape').ElementDefinition} ElementDefinition */
/**
 * What a group node keeps in its scratch `_members`: the nodes it stands for and their relationships.
 * @typedef {{ members: GraphNode[], edges: GraphEdge[] }} GroupContent
 */

/** Neighbours of one type over one relationship beyond this many collapse into one group node. */
const GROUP_THRESHOLD = 8;

/**
 * Adds a subgraph around `centre`, grouping its neighbours: those of one type over one relationship and direction
 * beyond GROUP_THRESHOLD become one node with their count (and the server's left-out count for that relationship),
 * which expands on double-click. Returns the number of groups made and the left-out counts not shown on a group.
 * @param {string} centre
 * @param {Subgraph} subgraph
 * @returns {{ groups: number, left: [string, number][] }}
 */
function addGrouped(centre, subgraph) {
  const cy = graph();
  const byId = new Map(subgraph.nodes.map((n) => [n.id, n]));
  /** @type {Map<string, string>} */
  const keyOf = new Map();
  /** @type {Map<string, string[]>} */
  const members = new Map();
  for (const e of subgraph.edges) {
    if (e.source !== centre && e.target !== centre) continue;
    const other = e.source === centre ? e.target : e.source;
    const otherNode = byId.get(other);
    if (other === centre || keyOf.has(other) || !otherNode) continue;
    const key = `${e.type}|${e.source === centre ? 'out' : 'in'}|${otherNode.type}`;
    keyOf.set(other, key);
    members.set(key, [...(members.get(key) || []), other]);
  }
  const omitted = new Map(subgraph.omitted.map((o) => [o.relationshipType, o.count]));
  /** @type {Map<string, GroupContent>} */
  const grouped = new Map();
  /** @type {ElementDefinition[]} */
  const elements = [];
  // Nodes already inside a group drawn earlier stay there (opening a node twice must not draw them again).
  /** @type {Map<string, string>} */
  const hidden = new Map();
  cy.nodes('.group').forEach((g) => {
    const content = /** @type {GroupContent | undefined} */ (g.scratch('_members'));
    for (const member of (content || { members: [] }).members) hidden.set(member.id, g.id());
  });
  for (const [id, groupId] of hidden) if (keyOf.has(id)) keyOf.set(id, groupId);
  for (const [key, ids] of members) {
    const fresh = ids.filter((id) => cy.getElementById(id).empty() && !hidden.has(id));
    const [rel = '', dir, type = ''] = key.split('|');
    const groupId = `group:${centre}:${key}`;
    if (fresh.length <= GROUP_THRESHOLD || cy.getElementById(groupId).nonempty()) continue;
    const left = omitted.get(rel) || 0;
    omitted.delete(rel);
    const memberSet = new Set(fresh);
    const label = [countOf(fresh.length, type), relationName(rel, dir === 'out'), left ? t('more', { n: left }) : '']
      .filter(Boolean)
      .join('\n');
    grouped.set(groupId, {
      members: fresh.flatMap((id) => byId.get(id) ?? []),
      edges: subgraph.edges.filter((e) => memberSet.has(e.source) || memberSet.has(e.target)),
    });
    for (const id of fresh) keyOf.set(id, groupId);
    elements.push({
      group: 'nodes',
      data: { id: groupId, label, short: label, type: GROUP, memberType: type, count: fresh.length, omitted: left },
      classes: 'group',
    });
    const [source, target] = dir === 'out' ? [centre, groupId] : [groupId, centre];
    elements.push({
      group: 'edges',
      data: { id: `${groupId}:edge`, source, target, type: rel, count: fresh.length },
    });
  }
  /** @param {string} id */
  const inGroup = (id) => String(keyOf.get(id) || '').startsWith('group:');
  for (const n of subgraph.nodes) {
    if (!inGroup(n.id) && cy.getElementById(n.id).empty()) elements.push(nodeElement(n));
  }
  for (const e of subgraph.edges) {
    if (!inGroup(e.source) && !inGroup(e.target) && cy.getElementById(e.id).empty()) elements.push(edgeElement(e));
  }
  cy.add(elements);
  for (const [groupId, content] of grouped) cy.getElementById(groupId).scratch('_members', content);
  return { groups: grouped.size, left: [...omitted.entries()] };
}

/**
 * Concentric rings by distance from the focus, each label on the side away from the centre.
 * @param {string} focus
 */
export async function layoutAround(focus) {
  const cy = graph();
  const root = cy.getElementById(focus);
  /** @type {Map<string, number>} */
  const distance = new Map();
  cy.elements().bfs({
    roots: root,
    directed: false,
    visit: (v, _e, _u, _i, depth) => {
      distance.set(v.id(), depth);
    },
  });
  cy.nodes().removeClass('focus');
  root.addClass('focus');
  await runLayout({
    name: 'concentric',
    concentric: (n) => 10 - (distance.get(n.id()) ?? 9),
    levelWidth: () => 1,
    minNodeSpacing: 24,
    spacingFactor: 0.9,
  });
  const centre = root.position();
  cy.nodes().forEach((n) => {
    n.removeClass('lbl-left lbl-right lbl-top');
    if (n.same(root) || n.hasClass('group')) return;
    const dx = n.position('x') - centre.x;
    const dy = n.position('y') - centre.y;
    const length = Math.hypot(dx, dy) || 1;
    if (Math.abs(dx / length) >= 0.35) n.addClass(dx < 0 ? 'lbl-left' : 'lbl-right');
    else if (dy < 0) n.addClass('lbl-top');
  });
  // Labels now point outward: fit again so that those at the edge are inside the view.
  cy.fit(undefined, 30);
  updateLabels();
}

/**
 * Draws the neighbourhood of `id`: instead of the view when `replace` (or when the view is not a neighbourhood),
 * otherwise added to it. Errors go to the status line, and are thrown too when `rethrow`.
 * @param {string} id
 * @param {boolean} [replace]
 * @param {boolean} [rethrow]
 */
export async function showNeighborhood(id, replace = true, rethrow = false) {
  status(t('loading'));
  const request = ++state.viewRequest;
  try {
    const data = /** @type {{ neighborhood: Subgraph }} */ (await gql(queries.neighborhood, { id }));
    if (request !== state.viewRequest) return;
    const subgraph = data.neighborhood;
    if (replace || state.view.kind !== 'neighbourhood') {
      clearGraph();
      state.view = { kind: 'neighbourhood', focus: id };
    }
    const made = addGrouped(id, subgraph);
    await layoutAround(state.view.kind === 'neighbourhood' ? state.view.focus : id);
    const centre = subgraph.nodes.find((n) => n.id === id);
    const cut = made.left.map(([rel, n]) => `${rel} ${n}`).join(', ');
    status(
      t('neighbourhood', { label: centre ? centre.label : id, nodes: subgraph.nodes.length, groups: made.groups }) +
        (cut ? t('truncated', { cut }) : ''),
    );
  } catch (error) {
    status(messageOf(error), true);
    if (rethrow) throw error;
  }
}

/**
 * Selects a node and shows its properties (and its suggestions): the drawn node if the map has it, otherwise its
 * neighbourhood, loaded as a search hit is.
 * @param {string} id
 */
export async function focusNode(id) {
  const cy = graph();
  let node = cy.getElementById(id);
  if (node.empty()) {
    await showNeighborhood(id, true);
    node = cy.getElementById(id);
    if (node.empty()) return;
  } else cy.center(node);
  cy.elements().unselect();
  node.select();
  showDetails(node);
}
