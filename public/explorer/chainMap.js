// @ts-check
// A chain map laid out as a chain: the chain on top, its segments left to right along FEEDS (each segment's firms as
// one group node, or once expanded as a grid of cards), the platforms, universities, institutes and consortia
// serving it on a band below; the gaps the planner's rules find outlined in red.
import { codeOf, gql, plannerGql } from './api.js';
import { messageOf, status } from './dom.js';
import { queries } from './documents.js';
import { edgeElement, nodeElement, runLayout, updateLabels } from './graph.js';
import { text as t } from './i18n.js';
import { countOf, shortName } from './names.js';
import { GROUP } from './palette.js';
import { graph, state } from './state.js';
import { clearGraph } from './view.js';

/** @typedef {import('./answers.js').Subgraph} Subgraph */
/** @typedef {import('./answers.js').GraphNode} GraphNode */
/** @typedef {import('./answers.js').GraphEdge} GraphEdge */
/** @typedef {import('cytoscape').ElementDefinition} ElementDefinition */
/** @typedef {{ id: string, name: string, position: string, count: number }} Segment */
/**
 * @typedef {object} ChainGaps
 * @property {Set<string> | null} emptySegments the segments without a firm, or null without the planner role
 * @property {boolean} [noLab]
 * @property {boolean} [noUniversity]
 */

/** Partners of one type on a chain map beyond this many collapse into one group node. */
const PARTNER_THRESHOLD = 6;

/** @type {Readonly<Record<string, number>>} */
const POSITION_ORDER = { UPSTREAM: 0, MIDSTREAM: 1, DOWNSTREAM: 2, SUPPORT: 3 };

/**
 * Columns of the segments, upstream to downstream: the longest FEEDS path leading to each (FEEDS is a short
 * chain of a few segments, so a rank by relaxation is all a layered layout would do here); a segment outside any
 * FEEDS takes its column from its position (UPSTREAM 0 …).
 * @param {Segment[]} segments
 * @param {GraphEdge[]} feeds
 */
function segmentColumns(segments, feeds) {
  const column = new Map(segments.map((s) => [s.id, 0]));
  const linked = new Set(feeds.flatMap((f) => [f.source, f.target]));
  for (let round = 0; round < segments.length; round++) {
    for (const f of feeds) {
      const from = column.get(f.source);
      const to = column.get(f.target);
      if (from !== undefined && to !== undefined && to < from + 1) column.set(f.target, from + 1);
    }
  }
  for (const s of segments) if (!linked.has(s.id)) column.set(s.id, POSITION_ORDER[s.position] ?? 0);
  return column;
}

/**
 * The chain's gaps from the planner's gap fields; without the planner role, empty segments by their counts.
 * @param {string} chainId
 * @returns {Promise<ChainGaps>}
 */
async function chainGaps(chainId) {
  try {
    const data = /** @type {{ empty: { id: string }[], noLab: { id: string }[], noUniversity: { id: string }[] }} */ (
      await plannerGql(queries.chainGaps, { chainId })
    );
    return {
      emptySegments: new Set(data.empty.map((s) => s.id)),
      noLab: data.noLab.some((c) => c.id === chainId),
      noUniversity: data.noUniversity.some((c) => c.id === chainId),
    };
  } catch (error) {
    const code = codeOf(error);
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return { emptySegments: null };
    throw error;
  }
}

/**
 * Draws the map of chain `chainId` instead of the view. Errors go to the status line, and are thrown too when
 * `rethrow`.
 * @param {string} chainId
 * @param {boolean} [rethrow]
 */
export async function showChainMap(chainId, rethrow = false) {
  status(t('loading'));
  const request = ++state.viewRequest;
  try {
    const [mapData, chainData, gaps] = await Promise.all([
      /** @type {Promise<{ chainMap: Subgraph }>} */ (gql(queries.chainMap, { chainId })),
      /**
       * @type {Promise<{ industryChains: { id: string, name: string, segments: { id: string, name: string,
       *   position: string, enterprisesConnection: { aggregate: { count: { nodes: number } } } }[] }[] }>}
       */ (gql(queries.chain, { chainId })),
      chainGaps(chainId),
    ]);
    if (request !== state.viewRequest) return;
    const cy = graph();
    const map = mapData.chainMap;
    const chain = chainData.industryChains[0];
    if (!chain) throw new Error(`no chain ${chainId}`);
    clearGraph();
    /** @type {Segment[]} */
    const segments = chain.segments.map((s) => ({
      id: s.id,
      name: s.name,
      position: s.position,
      count: s.enterprisesConnection.aggregate.count.nodes,
    }));
    const segmentIds = new Set(segments.map((s) => s.id));
    const feeds = map.edges.filter((e) => e.type === 'FEEDS' && segmentIds.has(e.source) && segmentIds.has(e.target));
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    /** @type {Map<string, GraphNode[]>} */
    const firmsOf = new Map(segments.map((s) => [s.id, []]));
    for (const e of map.edges) {
      const firm = byId.get(e.source);
      if (e.type === 'OPERATES_IN' && firm) firmsOf.get(e.target)?.push(firm);
    }
    /** @type {ElementDefinition[]} */
    const elements = [];
    const chainNode = byId.get(chainId) || { id: chainId, type: 'IndustryChain', label: chain.name, properties: {} };
    const reasons = [gaps.noLab ? t('noLab') : '', gaps.noUniversity ? t('noUniversity') : ''].filter(Boolean);
    elements.push({
      ...nodeElement(chainNode, `chain${reasons.length ? ' gap' : ''}`),
      data: { ...nodeElement(chainNode).data, short: chain.name, gapReason: reasons.join('\n') },
    });
    for (const s of segments) {
      const empty = gaps.emptySegments ? gaps.emptySegments.has(s.id) : s.count === 0;
      const node = byId.get(s.id) || { id: s.id, type: 'ChainSegment', label: s.name, properties: {} };
      elements.push({
        ...nodeElement(node, `segment${empty ? ' gap' : ''}`),
        data: {
          ...nodeElement(node).data,
          short: s.name,
          // Not `position`, which Cytoscape's types reserve for a position object.
          segmentPosition: s.position,
          gapReason: empty ? t('segmentEmpty') : '',
        },
      });
      if (s.count > 0) {
        const firms = firmsOf.get(s.id) ?? [];
        // The 链主 and top firms: chainMap lists chain leaders first, then by revenue where the role may see it.
        const top = firms.slice(0, 2).map((f) => {
          const name = shortName(f.label);
          return name.length > 7 ? `${name.slice(0, 6)}…` : name;
        });
        const label = `${s.count} ${t('firms')}${top.length ? `\n${top.join('、')}` : ''}`;
        elements.push({
          group: 'nodes',
          data: {
            id: `group:${s.id}`,
            label,
            short: label,
            type: GROUP,
            memberType: 'Enterprise',
            count: s.count,
            segment: s.id,
          },
          classes: 'group',
        });
        elements.push({
          group: 'edges',
          data: {
            id: `group:${s.id}:edge`,
            source: `group:${s.id}`,
            target: s.id,
            type: 'OPERATES_IN',
            count: s.count,
          },
        });
      }
    }
    for (const f of feeds)
      elements.push({ ...edgeElement(f, 'feeds'), data: { ...edgeElement(f).data, short: t('feeds') } });
    // Platforms, universities, institutes and consortia of the chain, on their own band; many of a type → a group.
    const partnerTypes = ['Platform', 'University', 'ResearchInstitute', 'Consortium'];
    /** @type {{ id: string, members: GraphNode[] }[]} */
    const partners = [];
    for (const type of partnerTypes) {
      const ofType = map.nodes.filter((n) => n.type === type);
      if (ofType.length > PARTNER_THRESHOLD) {
        const label = countOf(ofType.length, type);
        const id = `group:${chainId}:${type}`;
        elements.push({
          group: 'nodes',
          data: { id, label, short: label, type: GROUP, memberType: type, count: ofType.length },
          classes: 'group partner',
        });
        partners.push({ id, members: ofType });
      } else {
        for (const n of ofType) elements.push(nodeElement(n, 'partner'));
      }
    }
    cy.add(elements);
    for (const p of partners) {
      cy.getElementById(p.id).scratch('_members', { members: p.members, edges: [] });
    }
    state.view = { kind: 'chain', chainId, columns: segmentColumns(segments, feeds), expanded: new Map() };
    await layoutChain();
    const firms = segments.reduce((sum, s) => sum + s.count, 0);
    status(
      t('chainLoaded', { label: chain.name, segments: segments.length, firms, elements: cy.elements().length }) +
        (map.truncated
          ? t('truncated', { cut: map.omitted.map((o) => `${o.relationshipType} ${o.count}`).join(', ') })
          : ''),
    );
  } catch (error) {
    status(messageOf(error), true);
    if (rethrow) throw error;
  }
}

/**
 * Fetches every firm of a segment and shows them as cards under it (the group node gives way to them).
 * @param {string} segmentId
 */
export async function expandSegment(segmentId) {
  const data = /** @type {{ neighborhood: Subgraph }} */ (await gql(queries.segmentFirms, { id: segmentId }));
  const view = state.view;
  if (view.kind !== 'chain') return;
  const cy = graph();
  const firms = data.neighborhood.nodes.filter((n) => n.id !== segmentId);
  const count = Number(cy.getElementById(`group:${segmentId}`).data('count')) || firms.length;
  cy.getElementById(`group:${segmentId}`).remove();
  cy.add(firms.filter((n) => cy.getElementById(n.id).empty()).map((n) => nodeElement(n, 'card')));
  view.expanded.set(
    segmentId,
    firms.map((n) => n.id),
  );
  await layoutChain();
  // Look at what was opened: the segment and its cards, at a zoom where their names can be read.
  const ids = new Set([segmentId, ...firms.map((n) => n.id)]);
  const opened = cy.nodes().filter((n) => ids.has(n.id()));
  cy.fit(opened, 30);
  updateLabels();
  // The map shows at most 999 firms of a segment: say how many more there are rather than leave them out silently.
  if (count > firms.length) status(t('more', { n: count - firms.length }));
}

/**
 * Places the chain map: the chain on top, segments in columns left to right (SUPPORT ones on a second row), each
 * segment's group (or, expanded, its firms as a grid of cards) below it, the partners on a band at the bottom.
 */
export async function layoutChain() {
  const view = state.view;
  if (view.kind !== 'chain') return;
  const cy = graph();
  const CARD_W = 116;
  const CARD_H = 30;
  const segments = cy.nodes('.segment');
  const rows = [
    segments.filter((s) => s.data('segmentPosition') !== 'SUPPORT'),
    segments.filter((s) => s.data('segmentPosition') === 'SUPPORT'),
  ];
  /** @type {Record<string, { x: number, y: number }>} */
  const positions = {};
  let bottom = 0;
  let right = 0;
  let top = 90;
  for (const row of rows) {
    if (row.empty()) continue;
    /** @type {Map<number, import('cytoscape').NodeSingular[]>} */
    const byColumn = new Map();
    row.forEach((s) => {
      const column = view.columns.get(s.id()) || 0;
      byColumn.set(column, [...(byColumn.get(column) || []), s]);
    });
    let x = 0;
    let rowBottom = top;
    for (const [, column] of [...byColumn.entries()].sort(([a], [b]) => a - b)) {
      let y = top;
      let width = 220;
      for (const s of column) {
        const firms = view.expanded.get(s.id()) || [];
        const cols = firms.length ? Math.min(8, Math.max(1, Math.ceil(Math.sqrt(firms.length / 2.5)))) : 0;
        width = Math.max(width, cols * CARD_W + 40);
        positions[s.id()] = { x: x + width / 2, y };
        if (firms.length) {
          firms.forEach((id, i) => {
            positions[id] = {
              x: x + 20 + (i % cols) * CARD_W + CARD_W / 2,
              y: y + 50 + Math.floor(i / cols) * CARD_H,
            };
          });
          y += 70 + Math.ceil(firms.length / cols) * CARD_H;
        } else {
          positions[`group:${s.id()}`] = { x: x + width / 2, y: y + 70 };
          y += 130;
        }
      }
      for (const s of column) {
        const p = positions[s.id()];
        if (p) p.x = x + width / 2;
      }
      x += width + 60;
      rowBottom = Math.max(rowBottom, y);
    }
    right = Math.max(right, x);
    top = rowBottom + 30;
    bottom = rowBottom;
  }
  const partners = cy.nodes('.partner');
  const perRow = Math.max(1, Math.floor(Math.max(right, 600) / 150));
  partners.forEach((n, i) => {
    positions[n.id()] = { x: 75 + (i % perRow) * 150, y: bottom + 60 + Math.floor(i / perRow) * 70 };
  });
  const chain = cy.nodes('.chain');
  if (chain.nonempty()) positions[chain.first().id()] = { x: Math.max(right - 60, 200) / 2, y: 20 };
  // Whatever else is drawn goes below the partners' band, in rows.
  const extraTop = bottom + 60 + Math.ceil(partners.length / perRow) * 70 + 40;
  let extra = 0;
  cy.nodes().forEach((n) => {
    if (positions[n.id()]) return;
    const i = extra++;
    positions[n.id()] = { x: 75 + (i % perRow) * 150, y: extraTop + Math.floor(i / perRow) * 70 };
  });
  await runLayout({ name: 'preset', positions });
}
