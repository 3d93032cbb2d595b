// The map explorer: plain browser JavaScript, no build step, every asset served by the API itself (the machines are
// offline, so no CDN). It talks only to POST /graphql (and GET /export/… for downloads), with the same queries a
// front end would send. Views: a chain map laid out as a chain (segments left to right along FEEDS, each segment's
// firms as one group node), a neighbourhood whose repeated neighbours are grouped, shortest paths, and the
// planner's panels (gap lists, four-haves coverage, target review).
(function () {
  'use strict';

  const { text: t, apply: applyText, setLanguage, language } = window.explorerText;
  // Every document the page sends (documents.js): a finite set, listed in persisted-documents.json.
  const D = window.explorerDocuments;
  const COLORS = {
    Enterprise: '#2f6fb0',
    University: '#7b4fb3',
    ResearchInstitute: '#a05fc0',
    Platform: '#d9822b',
    IndustryChain: '#2e8b57',
    IndustryCluster: '#1f6b45',
    ChainSegment: '#5aa469',
    Region: '#8a8f98',
    Person: '#c2456b',
    Project: '#b8860b',
    Fund: '#8b6d2f',
    Consortium: '#3b8ea5',
    Achievement: '#c05a3a',
    Qualification: '#6b7a8f',
    AnnualReport: '#9aa3ad',
    Policy: '#556b2f',
    Contest: '#8e5c9e',
    Challenge: '#a0522d',
    Target: '#444444',
  };
  const TYPE_NAMES = {
    zh: {
      Enterprise: '企业',
      University: '高校',
      ResearchInstitute: '科研院所',
      Platform: '研发平台',
      IndustryChain: '产业链',
      IndustryCluster: '产业集群',
      ChainSegment: '产业链环节',
      Region: '区县',
      Person: '人员',
      Project: '项目',
      Fund: '基金',
      Consortium: '创新联合体',
      Achievement: '成果',
      Qualification: '资质',
      AnnualReport: '年报',
      Policy: '政策',
      Contest: '大赛',
      Challenge: '揭榜挂帅',
      Target: '目标',
      Group: '分组',
    },
  };
  /** Relationship colours: what links a firm to knowledge (partners, platforms, people) stands out from supply. */
  const REL_COLORS = {
    FEEDS: '#2e8b57',
    OPERATES_IN: '#5aa469',
    SUPPLIES: '#a7b0bf',
    HOSTS: '#d9822b',
    SERVES: '#e0a458',
    PARTNERS_WITH: '#e0a458',
    COOPERATES_WITH: '#7b4fb3',
    EMPLOYED_BY: '#c2456b',
    SECONDED_TO: '#c2456b',
    MEMBER_OF: '#3b8ea5',
    LEADS: '#3b8ea5',
    TARGETS: '#3b8ea5',
    UNDERTAKES: '#b8860b',
    LOCATED_IN: '#8a8f98',
    HOLDS: '#6b7a8f',
    OF_CHAIN: '#2e8b57',
    PART_OF: '#2e8b57',
  };
  const REL_NAMES = {
    zh: {
      SUPPLIES: ['客户', '供应商'],
      HOSTS: ['依托的平台', '依托单位'],
      COOPERATES_WITH: ['合作单位', '合作企业'],
      OPERATES_IN: ['所在环节', '环节企业'],
      SECONDED_TO: ['派驻企业', '科技副总'],
      MEMBER_OF: ['所在联合体', '成员'],
      LEADS: ['牵头联合体', '牵头单位'],
      UNDERTAKES: ['承担项目', '承担单位'],
      HOLDS: ['资质', '持有企业'],
      LOCATED_IN: ['所在区县', '区内单位'],
      SERVES: ['服务产业链', '服务平台'],
      EMPLOYED_BY: ['任职单位', '人员'],
    },
    en: {
      SUPPLIES: ['customers', 'suppliers'],
      HOSTS: ['hosted platforms', 'hosts'],
      COOPERATES_WITH: ['partners', 'partner firms'],
      OPERATES_IN: ['segments', 'firms'],
      SECONDED_TO: ['firms served', 'S&T deputies'],
      MEMBER_OF: ['consortia', 'members'],
    },
  };
  /** Neighbours of one type over one relationship beyond this many collapse into one group node. */
  const GROUP_THRESHOLD = 8;
  /** Partners of one type on a chain map beyond this many collapse into one group node. */
  const PARTNER_THRESHOLD = 6;
  /** Labels smaller than this on screen are hidden (shown on hover), so the drawing never shows unreadable text. */
  const MIN_LABEL_PX = 8;
  const PAGE = D.PAGE;

  const $ = (id) => document.getElementById(id);
  const pick = { from: null, to: null };
  const hiddenTypes = new Set();
  /** What is drawn: a neighbourhood (focus id) or a chain map (chain id and its state), for re-layouts. */
  let view = { kind: 'none' };

  const typeName = (type) => (language() === 'en' ? type : TYPE_NAMES.zh[type] || type);
  /** A name as a map label: without the demo suffix and the legal form every firm shares (full name on hover). */
  const shortName = (label) =>
    String(label)
      .replace(/（示例）|\(示例\)/g, '')
      .replace(/(股份有限公司|有限责任公司|有限公司)$/, '');

  const cy = cytoscape({
    container: $('graph'),
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(short)',
          'font-size': 12,
          'text-wrap': 'ellipsis',
          'text-max-width': 100,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          width: 16,
          height: 16,
          'background-color': (n) => COLORS[n.data('type')] || '#777',
          color: '#1d2433',
          'min-zoomed-font-size': 0,
        },
      },
      { selector: 'node.lbl-left', style: { 'text-halign': 'left', 'text-valign': 'center', 'text-margin-x': -4 } },
      { selector: 'node.lbl-right', style: { 'text-halign': 'right', 'text-valign': 'center', 'text-margin-x': 4 } },
      { selector: 'node.lbl-top', style: { 'text-valign': 'top', 'text-margin-y': -3 } },
      {
        selector: 'node.focus',
        style: { width: 30, height: 30, 'font-size': 13, 'font-weight': 'bold', 'text-max-width': 160 },
      },
      {
        selector: 'node.segment',
        style: {
          shape: 'round-rectangle',
          width: 180,
          height: 38,
          'background-color': COLORS.ChainSegment,
          color: '#ffffff',
          'text-valign': 'center',
          'text-halign': 'center',
          'text-margin-y': 0,
          'text-wrap': 'wrap',
          'text-max-width': 172,
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
          'background-color': COLORS.IndustryChain,
          color: '#ffffff',
          'text-valign': 'center',
          'text-margin-y': 0,
          'text-max-width': 190,
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
          'border-color': (n) => COLORS[n.data('memberType')] || '#777',
          'text-valign': 'center',
          'text-halign': 'center',
          'text-margin-y': 0,
          'text-margin-x': 0,
          'text-wrap': 'wrap',
          'text-max-width': 160,
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
          'border-color': COLORS.Enterprise,
          'text-valign': 'center',
          'text-halign': 'center',
          'text-margin-y': 0,
          'text-max-width': 100,
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
          width: (e) => 1 + Math.log2(Math.max(1, Number(e.data('count')) || 1)) / 2,
          'line-color': (e) => REL_COLORS[e.data('type')] || '#c3cad5',
          'target-arrow-color': (e) => REL_COLORS[e.data('type')] || '#c3cad5',
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
    ],
    maxZoom: 2.5,
    minZoom: 0.05,
  });

  // Where authentication is configured the API wants a bearer token: the page asks for one on a 401 and keeps it in
  // localStorage (this key), so a planner pastes it once per browser. In local mode no token is needed or asked for.
  const TOKEN_KEY = 'innovation-graph.token';
  const storedToken = () => window.localStorage.getItem(TOKEN_KEY) || '';
  const authHeaders = () => (storedToken() ? { authorization: `Bearer ${storedToken()}` } : {});

  function showTokenForm(focus) {
    $('token-form').hidden = false;
    if (focus) $('token-input').focus();
  }

  class ApiError extends Error {
    constructor(message, code) {
      super(message);
      this.code = code;
    }
  }

  async function gql(query, variables) {
    const headers = { 'content-type': 'application/json', ...authHeaders() };
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (response.headers.get('content-type') || '').includes('json')
      ? await response.json()
      : { errors: [{ message: `HTTP ${response.status} ${response.statusText}` }] };
    if (response.status === 401) {
      showTokenForm(true);
      throw new ApiError(storedToken() ? t('tokenRefused') : t('needsToken'), 'UNAUTHENTICATED');
    }
    if (body.errors && body.errors.length) {
      const code = body.errors[0].extensions && body.errors[0].extensions.code;
      throw new ApiError(body.errors.map((e) => e.message).join('; '), code);
    }
    return body.data;
  }

  // The planner role: the gap lists, coverage and suggestions need it (a viewer gets 403 FORBIDDEN), and the API has
  // no "who am I" field. A token with a `roles` claim tells before any request (a viewer's page never asks for
  // suggestions); without one (local mode, or roles under another claim) the first planner-only answer does, kept
  // until the token changes.
  const PLANNER_ROLES = ['planner', 'editor', 'admin'];
  let plannerAnswer = null;

  /** The `roles` claim of the kept token (not verified here: the API does that), or null when there is none. */
  function tokenRoles() {
    const payload = storedToken().split('.')[1];
    if (!payload) return null;
    try {
      const bytes = Uint8Array.from(window.atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const claims = JSON.parse(new window.TextDecoder().decode(bytes));
      return Array.isArray(claims.roles) ? claims.roles.map(String) : null;
    } catch {
      return null;
    }
  }

  /** true or false when the caller's planner role is known, null when not yet. */
  function isPlanner() {
    const roles = tokenRoles();
    return roles ? roles.some((r) => PLANNER_ROLES.includes(r)) : plannerAnswer;
  }

  /** A planner-only request: its answer (or its 403) tells whether the caller has the role. */
  async function plannerGql(query, variables) {
    try {
      const data = await gql(query, variables);
      plannerAnswer = true;
      return data;
    } catch (error) {
      if (error.code === 'FORBIDDEN') plannerAnswer = false;
      throw error;
    }
  }

  function status(message, isError) {
    const el = $('status');
    el.textContent = message;
    el.className = isError ? 'error' : '';
  }

  function updateCounts() {
    const el = $('counts');
    const nodes = cy.nodes().length;
    const edges = cy.edges().length;
    el.dataset.nodes = String(nodes);
    el.dataset.edges = String(edges);
    el.textContent = `· ${nodes} nodes, ${edges} edges`;
  }

  const nodeElement = (n, classes) => ({
    group: 'nodes',
    data: { id: n.id, label: n.label, short: shortName(n.label), type: n.type, properties: n.properties },
    classes: classes || '',
  });
  const edgeElement = (e, classes) => ({
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, type: e.type, properties: e.properties },
    classes: classes || '',
  });

  /** Labels too small to read at this zoom are hidden; key nodes (chain, segments, groups, the focus) never are. */
  function updateLabels() {
    const zoom = cy.zoom();
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const key = n.hasClass('segment') || n.hasClass('group') || n.hasClass('chain') || n.hasClass('focus');
        n.toggleClass('tiny-label', !key && n.pstyle('font-size').pfValue * zoom < MIN_LABEL_PX);
      });
    });
  }
  cy.on('zoom', updateLabels);

  /** Runs a layout and resolves once it has stopped and the view has been fitted. */
  function runLayout(options) {
    const layout = cy.layout({ animate: false, fit: true, padding: 30, ...options });
    const done = layout.promiseOn('layoutstop');
    layout.run();
    return done.then(() => {
      updateLabels();
      renderTypeFilters();
      renderLegend();
      updateCounts();
    });
  }

  function clearGraph() {
    viewRequest += 1;
    cy.elements().remove();
    view = { kind: 'none' };
    resetDetails();
    hideTooltip();
  }

  // ── Neighbourhood ────────────────────────────────────────────────────────────────────────────────────────────

  function relationName(type, outward) {
    const names = REL_NAMES[language()][type] || REL_NAMES.zh[type];
    return names ? names[outward ? 0 : 1] : type;
  }

  /**
   * Adds a subgraph around `centre`, grouping its neighbours: those of one type over one relationship and direction
   * beyond GROUP_THRESHOLD become one node with their count (and the server's left-out count for that relationship),
   * which expands on double-click. Returns the number of groups made.
   */
  function addGrouped(centre, subgraph) {
    const byId = new Map(subgraph.nodes.map((n) => [n.id, n]));
    const keyOf = new Map();
    const members = new Map();
    for (const e of subgraph.edges) {
      if (e.source !== centre && e.target !== centre) continue;
      const other = e.source === centre ? e.target : e.source;
      if (other === centre || keyOf.has(other) || !byId.has(other)) continue;
      const key = `${e.type}|${e.source === centre ? 'out' : 'in'}|${byId.get(other).type}`;
      keyOf.set(other, key);
      members.set(key, [...(members.get(key) || []), other]);
    }
    const omitted = new Map(subgraph.omitted.map((o) => [o.relationshipType, o.count]));
    const grouped = new Map();
    const elements = [];
    // Nodes already inside a group drawn earlier stay there (opening a node twice must not draw them again).
    const hidden = new Map();
    cy.nodes('.group').forEach((g) => {
      for (const member of (g.scratch('_members') || { members: [] }).members) hidden.set(member.id, g.id());
    });
    for (const [id, groupId] of hidden) if (keyOf.has(id)) keyOf.set(id, groupId);
    for (const [key, ids] of members) {
      const fresh = ids.filter((id) => cy.getElementById(id).empty() && !hidden.has(id));
      const [rel, dir, type] = key.split('|');
      const groupId = `group:${centre}:${key}`;
      if (fresh.length <= GROUP_THRESHOLD || cy.getElementById(groupId).nonempty()) continue;
      const left = omitted.get(rel) || 0;
      omitted.delete(rel);
      const memberSet = new Set(fresh);
      const label = [
        `${fresh.length} ${language() === 'en' ? typeName(type) : `个${typeName(type)}`}`,
        relationName(rel, dir === 'out'),
        left ? t('more', { n: left }) : '',
      ]
        .filter(Boolean)
        .join('\n');
      grouped.set(groupId, {
        members: fresh.map((id) => byId.get(id)),
        edges: subgraph.edges.filter((e) => memberSet.has(e.source) || memberSet.has(e.target)),
      });
      for (const id of fresh) keyOf.set(id, groupId);
      elements.push({
        group: 'nodes',
        data: { id: groupId, label, short: label, type: 'Group', memberType: type, count: fresh.length, omitted: left },
        classes: 'group',
      });
      const [source, target] = dir === 'out' ? [centre, groupId] : [groupId, centre];
      elements.push({
        group: 'edges',
        data: { id: `${groupId}:edge`, source, target, type: rel, count: fresh.length },
      });
    }
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

  /** Concentric rings by distance from the focus, each label on the side away from the centre. */
  async function layoutAround(focus) {
    const root = cy.getElementById(focus);
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
      concentric: (n) => 10 - (distance.has(n.id()) ? distance.get(n.id()) : 9),
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

  /** Each request for a view; an answer to an older one (the user chose another view meanwhile) is dropped. */
  let viewRequest = 0;

  async function showNeighborhood(id, replace = true, rethrow = false) {
    status(t('loading'));
    const request = ++viewRequest;
    try {
      const data = await gql(D.queries.neighborhood, { id });
      if (request !== viewRequest) return;
      const subgraph = data.neighborhood;
      if (replace || view.kind !== 'neighbourhood') {
        clearGraph();
        view = { kind: 'neighbourhood', focus: id };
      }
      const made = addGrouped(id, subgraph);
      await layoutAround(view.focus);
      const centre = subgraph.nodes.find((n) => n.id === id);
      const cut = made.left.map(([rel, n]) => `${rel} ${n}`).join(', ');
      status(
        t('neighbourhood', { label: centre ? centre.label : id, nodes: subgraph.nodes.length, groups: made.groups }) +
          (cut ? t('truncated', { cut }) : ''),
      );
    } catch (error) {
      status(error.message, true);
      if (rethrow) throw error;
    }
  }

  /** Replaces a group node by its members (and their relationships), then lays the view out again. */
  async function expandGroup(groupId) {
    const group = cy.getElementById(groupId);
    const content = group.scratch('_members');
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
    if (view.kind === 'chain') await layoutChain();
    else if (view.kind === 'neighbourhood') await layoutAround(view.focus);
  }

  // ── Chain map ────────────────────────────────────────────────────────────────────────────────────────────────

  const POSITION_ORDER = { UPSTREAM: 0, MIDSTREAM: 1, DOWNSTREAM: 2, SUPPORT: 3 };

  /**
   * Columns of the segments, upstream to downstream: the longest FEEDS path leading to each (FEEDS is a short
   * chain of a few segments, so a rank by relaxation is all a layered layout would do here); a segment outside any
   * FEEDS takes its column from its position (UPSTREAM 0 …).
   */
  function segmentColumns(segments, feeds) {
    const column = new Map(segments.map((s) => [s.id, 0]));
    const linked = new Set(feeds.flatMap((f) => [f.source, f.target]));
    for (let round = 0; round < segments.length; round++) {
      for (const f of feeds) {
        if (column.has(f.source) && column.has(f.target) && column.get(f.target) < column.get(f.source) + 1) {
          column.set(f.target, column.get(f.source) + 1);
        }
      }
    }
    for (const s of segments) if (!linked.has(s.id)) column.set(s.id, POSITION_ORDER[s.position] ?? 0);
    return column;
  }

  async function showChainMap(chainId, rethrow = false) {
    status(t('loading'));
    const request = ++viewRequest;
    try {
      const [mapData, chainData, gaps] = await Promise.all([
        gql(D.queries.chainMap, { chainId }),
        gql(D.queries.chain, { chainId }),
        chainGaps(chainId),
      ]);
      if (request !== viewRequest) return;
      const map = mapData.chainMap;
      const chain = chainData.industryChains[0];
      clearGraph();
      const segments = chain.segments.map((s) => ({
        id: s.id,
        name: s.name,
        position: s.position,
        count: s.enterprisesConnection.aggregate.count.nodes,
      }));
      const segmentIds = new Set(segments.map((s) => s.id));
      const feeds = map.edges.filter((e) => e.type === 'FEEDS' && segmentIds.has(e.source) && segmentIds.has(e.target));
      const byId = new Map(map.nodes.map((n) => [n.id, n]));
      const firmsOf = new Map(segments.map((s) => [s.id, []]));
      for (const e of map.edges) {
        if (e.type === 'OPERATES_IN' && firmsOf.has(e.target) && byId.has(e.source))
          firmsOf.get(e.target).push(byId.get(e.source));
      }
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
            position: s.position,
            gapReason: empty ? t('segmentEmpty') : '',
          },
        });
        if (s.count > 0) {
          const firms = firmsOf.get(s.id);
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
              type: 'Group',
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
      const partners = [];
      for (const type of partnerTypes) {
        const ofType = map.nodes.filter((n) => n.type === type);
        if (ofType.length > PARTNER_THRESHOLD) {
          const label = `${ofType.length} ${language() === 'en' ? typeName(type) : `个${typeName(type)}`}`;
          const id = `group:${chainId}:${type}`;
          elements.push({
            group: 'nodes',
            data: { id, label, short: label, type: 'Group', memberType: type, count: ofType.length },
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
      view = { kind: 'chain', chainId, columns: segmentColumns(segments, feeds), expanded: new Map() };
      await layoutChain();
      const firms = segments.reduce((sum, s) => sum + s.count, 0);
      status(
        t('chainLoaded', { label: chain.name, segments: segments.length, firms, elements: cy.elements().length }) +
          (map.truncated
            ? t('truncated', { cut: map.omitted.map((o) => `${o.relationshipType} ${o.count}`).join(', ') })
            : ''),
      );
    } catch (error) {
      status(error.message, true);
      if (rethrow) throw error;
    }
  }

  /** The chain's gaps from the planner's gap fields; without the planner role, empty segments by their counts. */
  async function chainGaps(chainId) {
    try {
      const data = await plannerGql(D.queries.chainGaps, { chainId });
      return {
        emptySegments: new Set(data.empty.map((s) => s.id)),
        noLab: data.noLab.some((c) => c.id === chainId),
        noUniversity: data.noUniversity.some((c) => c.id === chainId),
      };
    } catch (error) {
      if (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED') return { emptySegments: null };
      throw error;
    }
  }

  /** Fetches every firm of a segment and shows them as cards under it (the group node gives way to them). */
  async function expandSegment(segmentId) {
    const data = await gql(D.queries.segmentFirms, { id: segmentId });
    if (view.kind !== 'chain') return;
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
    const opened = cy.getElementById(segmentId).union(cy.collection(firms.map((n) => cy.getElementById(n.id))));
    cy.fit(opened, 30);
    updateLabels();
    // The map shows at most 999 firms of a segment: say how many more there are rather than leave them out silently.
    if (count > firms.length) status(t('more', { n: count - firms.length }));
  }

  /**
   * Places the chain map: the chain on top, segments in columns left to right (SUPPORT ones on a second row), each
   * segment's group (or, expanded, its firms as a grid of cards) below it, the partners on a band at the bottom.
   */
  async function layoutChain() {
    const CARD_W = 116;
    const CARD_H = 30;
    const segments = cy.nodes('.segment');
    const rows = [
      segments.filter((s) => s.data('position') !== 'SUPPORT'),
      segments.filter((s) => s.data('position') === 'SUPPORT'),
    ];
    const positions = {};
    let bottom = 0;
    let right = 0;
    let top = 90;
    for (const row of rows) {
      if (row.empty()) continue;
      const byColumn = new Map();
      row.forEach((s) => {
        const column = view.columns.get(s.id()) || 0;
        byColumn.set(column, [...(byColumn.get(column) || []), s]);
      });
      let x = 0;
      let rowBottom = top;
      for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
        let y = top;
        let width = 220;
        for (const s of byColumn.get(column)) {
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
        for (const s of byColumn.get(column)) positions[s.id()].x = x + width / 2;
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
    if (chain.nonempty()) positions[chain.id()] = { x: Math.max(right - 60, 200) / 2, y: 20 };
    // Whatever else is drawn goes below the partners' band, in rows.
    const extraTop = bottom + 60 + Math.ceil(partners.length / perRow) * 70 + 40;
    let extra = 0;
    cy.nodes().forEach((n) => {
      if (positions[n.id()]) return;
      const i = extra++;
      positions[n.id()] = { x: 75 + (i % perRow) * 150, y: extraTop + Math.floor(i / perRow) * 70 };
    });
    await runLayout({ name: 'preset', positions: (n) => positions[n.id()] });
  }

  // ── Details, tooltip, legend, filters ────────────────────────────────────────────────────────────────────────

  function resetDetails() {
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = t('detailsHint');
    $('details').replaceChildren(hint);
  }

  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  function showDetails(element) {
    const data = element.data();
    const table = document.createElement('table');
    const rows = element.isNode()
      ? [
          [t('name'), data.label],
          ['type', data.type === 'Group' ? `${typeName('Group')} · ${typeName(data.memberType)}` : data.type],
          ['id', data.id],
          ...(data.count !== undefined ? [['count', data.count]] : []),
          ...(data.gapReason ? [['gap', data.gapReason]] : []),
          ...Object.entries(data.properties || {}).filter(([k]) => k !== 'id'),
        ]
      : [
          ['relationship', data.type],
          ['from', data.source],
          ['to', data.target],
          ...Object.entries(data.properties || {}),
        ];
    for (const [key, value] of rows) {
      const tr = table.insertRow();
      tr.insertCell().textContent = key;
      tr.insertCell().textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    const details = $('details');
    details.replaceChildren(table);
    selectTab('details');
    detailsRequest += 1;
    if (!element.isNode()) return;
    const actions = document.createElement('p');
    if (element.hasClass('group')) actions.append(button(t('expand'), () => openNode(element)));
    else {
      actions.append(
        button(t('expand'), () => openNode(element)),
        ' ',
        button(t('pathFrom'), () => setPick('from', data)),
        ' ',
        button(t('pathTo'), () => setPick('to', data)),
      );
    }
    details.append(actions);
    if (element.hasClass('group')) return;
    if (data.type === 'Enterprise' || data.type === 'Person') details.append(suggestionsBox(data.type, data.id));
    details.append(historyBox(data.id, historyApi(detailsRequest)));
  }

  // ── Suggestions (planner role) ───────────────────────────────────────────────────────────────────────────────

  /** The details shown last: a suggestion or history answer for an element shown before it is dropped. */
  let detailsRequest = 0;

  /**
   * Selects a node and shows its properties (and its suggestions): the drawn node if the map has it, otherwise its
   * neighbourhood, loaded as a search hit is.
   */
  async function focusNode(id) {
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

  /** A heading, then the list of `items` as `render` draws each (or a hint that there is none). */
  function suggestionList(id, heading, items, render) {
    const section = document.createElement('section');
    const h = document.createElement('h3');
    h.textContent = heading;
    section.append(h);
    if (items.length === 0) {
      const none = document.createElement('p');
      none.className = 'hint';
      none.textContent = t('noSuggestions');
      section.append(none);
      return section;
    }
    const list = document.createElement('ol');
    list.id = id;
    list.className = 'suggestion-list';
    list.setAttribute('aria-label', heading);
    for (const item of items) {
      const li = document.createElement('li');
      li.dataset.id = item.id;
      render(li, item);
      if (item.reasons && item.reasons.length) {
        const reasons = document.createElement('ul');
        reasons.className = 'reasons';
        for (const reason of item.reasons) {
          const r = document.createElement('li');
          r.textContent = reason;
          reasons.append(r);
        }
        li.append(reasons);
      }
      list.append(li);
    }
    section.append(list);
    return section;
  }

  /** A suggested entity's name as a button that selects it on the map (or loads its neighbourhood). */
  function suggestionButton(id, name, className = 'suggestion') {
    const b = button(name, () => focusNode(id));
    b.className = className;
    b.dataset.id = id;
    b.title = t('openMap');
    return b;
  }

  function meta(...parts) {
    const span = document.createElement('span');
    span.className = 'meta';
    span.textContent = parts.filter(Boolean).join(' · ');
    return span;
  }

  /**
   * The suggestions of a selected firm (partners and 科技副总) or person (firms they could serve), filled in when the
   * API answers. Without the planner role a hint, and no request.
   */
  function suggestionsBox(type, id) {
    const box = document.createElement('section');
    box.id = 'suggestions';
    box.className = 'suggestions';
    box.setAttribute('aria-live', 'polite');
    const hint = document.createElement('p');
    hint.className = 'hint';
    box.append(hint);
    if (isPlanner() === false) {
      box.dataset.state = 'needs-planner';
      hint.textContent = t('suggestionsNeedPlanner');
      return box;
    }
    box.dataset.state = 'loading';
    hint.textContent = t('suggestionsLoading');
    const request = detailsRequest;
    const query = type === 'Enterprise' ? D.queries.firmSuggestions : D.queries.personSuggestions;
    plannerGql(query, { id })
      .then((data) => {
        if (request !== detailsRequest) return;
        const score = (n) => t('score', { n });
        const sections =
          type === 'Enterprise'
            ? [
                suggestionList('partner-suggestions', t('partnerSuggestions'), data.partners, (li, s) =>
                  li.append(suggestionButton(s.id, s.name), ' ', meta(typeName(s.type), score(s.score))),
                ),
                suggestionList('deputy-suggestions', t('deputySuggestions'), data.deputies, (li, s) => {
                  li.append(
                    suggestionButton(s.id, s.name),
                    ' ',
                    meta(s.title, score(s.score)),
                    document.createElement('br'),
                  );
                  const employer = document.createElement('span');
                  employer.className = 'meta';
                  employer.append(
                    `${t('employer')}: `,
                    suggestionButton(s.employerId, s.employerName, 'suggestion minor'),
                  );
                  li.append(employer);
                }),
              ]
            : [
                suggestionList('deputy-candidates', t('deputyCandidates'), data.firms, (li, s) =>
                  li.append(
                    suggestionButton(s.id, s.name),
                    ' ',
                    meta(s.gaps.map((g) => t(g)).join('、'), score(s.score)),
                  ),
                ),
              ];
        box.dataset.state = 'shown';
        hint.textContent = t('suggestionsNote');
        hint.hidden = !hint.textContent;
        box.replaceChildren(...sections, hint);
      })
      .catch((error) => {
        if (request !== detailsRequest) return;
        box.dataset.state = error.code === 'FORBIDDEN' ? 'needs-planner' : 'error';
        hint.textContent = error.code === 'FORBIDDEN' ? t('suggestionsNeedPlanner') : error.message;
        hint.classList.toggle('error', error.code !== 'FORBIDDEN');
      });
    return box;
  }

  // ── Change history (planner role): public/explorer/history.js draws it with these ─────────────────────────────

  const { historyBox } = window.explorerHistory;
  /** What history.js needs of the explorer: the same role mechanism as the suggestions, and its words and buttons. */
  const historyApi = (request) => ({
    isPlanner,
    plannerGql,
    isCurrent: () => request === detailsRequest,
    nodeButton: suggestionButton,
    button,
    typeName,
    relationName,
    types: Object.keys(COLORS),
  });

  /** Double-click: a group shows its members, a chain segment its firms, any other node its neighbourhood. */
  async function openNode(node) {
    try {
      if (node.hasClass('group') && node.data('segment')) await expandSegment(node.data('segment'));
      else if (node.hasClass('group')) await expandGroup(node.id());
      else if (
        node.hasClass('segment') &&
        view.kind === 'chain' &&
        cy.getElementById(`group:${node.id()}`).nonempty()
      ) {
        await expandSegment(node.id());
      } else await showNeighborhood(node.id(), false);
    } catch (error) {
      status(error.message, true);
    }
  }

  function hideTooltip() {
    $('tooltip').hidden = true;
  }

  function showTooltip(node) {
    const tip = $('tooltip');
    const data = node.data();
    tip.textContent = [
      data.label,
      data.type === 'Group' ? typeName(data.memberType) : typeName(data.type),
      data.gapReason,
    ]
      .filter(Boolean)
      .join('\n');
    const p = node.renderedPosition();
    tip.style.left = `${p.x + 12}px`;
    tip.style.top = `${p.y + 12}px`;
    tip.hidden = false;
  }

  function renderLegend() {
    const box = $('legend');
    const types = [
      ...new Set(cy.nodes().map((n) => (n.data('type') === 'Group' ? n.data('memberType') : n.data('type')))),
    ];
    const rels = [...new Set(cy.edges().map((e) => e.data('type')))].filter((r) => REL_COLORS[r]);
    const item = (swatch, label, cls) => {
      const row = document.createElement('div');
      row.className = `legend-item ${cls}`;
      const mark = document.createElement('span');
      mark.className = 'swatch';
      mark.style.background = swatch;
      row.append(mark, label);
      return row;
    };
    box.replaceChildren(
      ...types.sort().map((type) => item(COLORS[type] || '#777', typeName(type), 'node-type')),
      ...rels.sort().map((rel) => item(REL_COLORS[rel], rel, 'edge-type')),
      item('#ffffff', t('groupMark'), 'group-mark'),
      item('#d62728', t('gapMark'), 'gap-mark'),
    );
  }

  function renderTypeFilters() {
    const box = $('type-filters');
    const types = [...new Set(cy.nodes().map((n) => n.data('type')))].sort();
    box.replaceChildren(
      ...types.map((type) => {
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'checkbox';
        input.checked = !hiddenTypes.has(type);
        input.dataset.type = type;
        input.addEventListener('change', () => {
          if (input.checked) hiddenTypes.delete(type);
          else hiddenTypes.add(type);
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

  function applyFilters() {
    cy.nodes().forEach((n) => n.style('display', hiddenTypes.has(n.data('type')) ? 'none' : 'element'));
  }

  function setPick(end, data) {
    pick[end] = data.id;
    $(`path-${end}`).textContent = data.label;
    $('find-path').disabled = !(pick.from && pick.to);
  }

  cy.on('tap', 'node, edge', (event) => showDetails(event.target));
  cy.on('dbltap', 'node', (event) => openNode(event.target));
  cy.on('mouseover', 'node', (event) => {
    event.target.addClass('hover');
    event.target.connectedEdges().addClass('hover');
    showTooltip(event.target);
  });
  cy.on('mouseout', 'node', (event) => {
    event.target.removeClass('hover');
    event.target.connectedEdges().removeClass('hover');
    hideTooltip();
  });
  cy.on('pan zoom', hideTooltip);

  $('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = $('search-input').value.trim();
    if (!query) return;
    status(t('searching', { text: query }));
    try {
      const data = await gql(D.queries.search, { text: query });
      $('results').replaceChildren(
        ...data.search.map((hit) => {
          const li = document.createElement('li');
          const b = button('', () =>
            hit.type === 'IndustryChain' ? showChainMap(hit.id) : showNeighborhood(hit.id, true),
          );
          b.dataset.id = hit.id;
          b.append(hit.label, document.createElement('br'));
          const small = document.createElement('small');
          small.textContent = typeName(hit.type);
          b.append(small);
          li.append(b);
          return li;
        }),
      );
      status(t('hits', { n: data.search.length, text: query }));
    } catch (error) {
      status(error.message, true);
    }
  });

  $('chain-select').addEventListener('change', (event) => {
    if (event.target.value) showChainMap(event.target.value);
  });

  $('find-path').addEventListener('click', async () => {
    status(t('loading'));
    try {
      const data = await gql(D.queries.shortestPath, { from: pick.from, to: pick.to });
      const path = data.shortestPath;
      if (path.nodes.length === 0) {
        status(t('noPath'));
        return;
      }
      clearGraph();
      cy.add([...path.nodes.map((n) => nodeElement(n, 'path')), ...path.edges.map((e) => edgeElement(e, 'path'))]);
      view = { kind: 'path' };
      await runLayout({ name: 'breadthfirst', directed: false, roots: [pick.from], spacingFactor: 1.2 });
      status(t('pathFound', { n: path.edges.length }));
    } catch (error) {
      status(error.message, true);
    }
  });

  $('clear').addEventListener('click', () => {
    clearGraph();
    hiddenTypes.clear();
    pick.from = null;
    pick.to = null;
    $('path-from').textContent = '—';
    $('path-to').textContent = '—';
    $('find-path').disabled = true;
    renderTypeFilters();
    renderLegend();
    updateCounts();
    status(t('cleared'));
  });

  $('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh' : 'en');
    resetDetails();
    renderLegend();
    renderTypeFilters();
    fillGapNames();
    // The map's own words (group labels, the FEEDS label) are drawn with the view: draw it again in the new language.
    loadReferenceLists().then(() => {
      if (view.kind === 'chain') return showChainMap(view.chainId);
      if (view.kind === 'neighbourhood') return showNeighborhood(view.focus, true);
      return undefined;
    });
  });

  // ── Planner panels ───────────────────────────────────────────────────────────────────────────────────────────

  function selectTab(name) {
    for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === name);
    for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== `panel-${name}`;
  }
  for (const b of document.querySelectorAll('#tabs button'))
    b.addEventListener('click', () => selectTab(b.dataset.tab));

  /** The gap lists (schema/gaps.graphql): what each takes, what it lists, and its rule in words. */
  const GAPS = [
    {
      name: 'enterprisesWithoutRdInstitution',
      zh: 'R1 营收≥1亿元、无研发机构的企业',
      en: 'R1 revenue ≥ 100M yuan, no R&D institution',
      takes: ['year', 'regionCode', 'chainId'],
      kind: 'Enterprise',
    },
    {
      name: 'enterprisesWithoutLandmarkAchievement',
      zh: 'R2 营收≥5亿元、近三年无标志性成果',
      en: 'R2 revenue ≥ 500M yuan, no landmark achievement in 3 years',
      takes: ['year', 'regionCode', 'chainId'],
      kind: 'Enterprise',
    },
    {
      name: 'enterprisesWithoutConsortium',
      zh: 'R3 营收≥10亿元、未牵头或加入创新联合体',
      en: 'R3 revenue ≥ 1B yuan, no innovation consortium',
      takes: ['year', 'regionCode', 'chainId'],
      kind: 'Enterprise',
    },
    {
      name: 'enterprisesNotTechLeader',
      zh: 'R4 营收≥100亿元、非科技领军企业',
      en: 'R4 revenue ≥ 10B yuan, not a tech leader',
      takes: ['year', 'regionCode', 'chainId'],
      kind: 'Enterprise',
    },
    {
      name: 'backboneEnterprisesWithoutPlatform',
      zh: 'R5 重点产业链骨干企业无研发平台',
      en: 'R5 backbone firms of leading chains without a platform',
      takes: ['year', 'regionCode', 'chainId'],
      kind: 'Enterprise',
    },
    {
      name: 'enterprisesMissingFourHaves',
      zh: 'R6 规上企业“四有”不全',
      en: 'R6 above-scale firms lacking one of the four haves',
      takes: ['year!', 'regionCode', 'chainId'],
      kind: 'Enterprise',
    },
    {
      name: 'expiringQualifications',
      zh: '高新技术企业资格当年到期',
      en: 'High-tech qualifications expiring in the year',
      takes: ['year!', 'regionCode', 'chainId'],
      kind: 'Enterprise',
    },
    {
      name: 'chainsWithoutLabPartner',
      zh: '缺少实验室合作的产业链',
      en: 'Chains without a lab partner',
      takes: [],
      kind: 'IndustryChain',
    },
    {
      name: 'chainsWithoutUniversityPartner',
      zh: '缺少高校合作的产业链',
      en: 'Chains without a university partner',
      takes: [],
      kind: 'IndustryChain',
    },
    {
      name: 'chainSegmentsWithoutEnterprise',
      zh: '没有企业的产业链环节',
      en: 'Chain segments without an enterprise',
      takes: ['regionCode', 'chainId'],
      kind: 'ChainSegment',
    },
  ];
  /** The latest year with annual reports (the report-based lists and coverage) and with targets (the review). */
  let reportYear = null;
  let targetYear = null;
  const gapState = { offset: 0, request: 0, query: null };

  function fillGapNames() {
    const select = $('gap-name');
    const current = select.value;
    select.replaceChildren(
      ...GAPS.map((g) => {
        const option = document.createElement('option');
        option.value = g.name;
        option.textContent = g[language()] || g.zh;
        return option;
      }),
    );
    if (current) select.value = current;
  }

  /** The arguments a gap list takes from the form (year, region, chain), as GraphQL variables and their types. */
  function gapArguments(gap, prefix) {
    const args = {};
    const types = {};
    const year = gap.takes.find((taken) => taken.startsWith('year'));
    const value = Number($(`${prefix}-year`).value) || (year === 'year!' ? reportYear : null);
    if (year && value) {
      args.year = value;
      types.year = year === 'year!' ? 'Int!' : 'Int';
    }
    addFilters(prefix, args, types, gap.takes);
    return { args, types };
  }

  /** Every row of a gap list, counted by paging its ids (the lists have no count field; 500 a page). */
  async function countGap(field, args, types) {
    const query = D.gapCount(field, types);
    let total = 0;
    for (let offset = 0; ; offset += 500) {
      const data = await plannerGql(query, { ...args, offset });
      total += data.rows.length;
      if (data.rows.length < 500) return total;
    }
  }

  function rowsTable(table, headers, rows) {
    const head = document.createElement('tr');
    for (const h of headers) {
      const th = document.createElement('th');
      th.textContent = h;
      head.append(th);
    }
    table.replaceChildren(head, ...rows);
  }

  function rowOf(cells, onOpen) {
    const tr = document.createElement('tr');
    for (const cell of cells) tr.insertCell().textContent = cell;
    if (onOpen) {
      tr.classList.add('link');
      tr.title = t('openMap');
      tr.addEventListener('click', onOpen);
    }
    return tr;
  }

  const openRow = (kind, item) => () => {
    if (kind === 'IndustryChain') showChainMap(item.id);
    else if (kind === 'ChainSegment' && item.chains && item.chains[0]) showChainMap(item.chains[0].id);
    else showNeighborhood(item.id, true);
  };

  /**
   * A gap row's suggestions: the firm's top partners by name, and a button that opens the firm with its full
   * suggestions in the properties panel.
   */
  function suggestionsCell(item) {
    const td = document.createElement('td');
    td.className = 'suggested';
    const names = document.createElement('span');
    names.className = 'suggested-names';
    names.textContent = item.partnerSuggestions.length
      ? item.partnerSuggestions.map((s) => shortName(s.name)).join('、')
      : t('none');
    const open = button(t('suggest'), (event) => {
      event.stopPropagation();
      focusNode(item.id);
    });
    open.className = 'suggest';
    open.setAttribute('aria-label', t('suggestFor', { name: item.name }));
    td.append(names, ' ', open);
    return td;
  }

  /** Shows a page of the gap list submitted last (paging keeps its arguments even if the form changed since). */
  async function showGap() {
    if (!gapState.query) return;
    const { gap, args, types } = gapState.query;
    const request = ++gapState.request;
    $('gap-rule').textContent = `${gap.name}(${Object.entries(args)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')})`;
    try {
      const total = await countGap(gap.name, args, types);
      const data = await plannerGql(D.gapPage(gap.name, gap.kind, types), { ...args, offset: gapState.offset });
      if (request !== gapState.request) return;
      const summary = $('gap-summary');
      summary.dataset.total = String(total);
      summary.dataset.error = '';
      summary.textContent = t('total', { n: total });
      $('gap-page').textContent = total
        ? t('page', { from: gapState.offset + 1, to: gapState.offset + data.rows.length })
        : '';
      $('gap-prev').disabled = gapState.offset === 0;
      $('gap-next').disabled = gapState.offset + PAGE >= total;
      const firms = gap.kind === 'Enterprise';
      $('gap-table').classList.toggle('with-suggestions', firms);
      rowsTable(
        $('gap-table'),
        ['#', t('name'), firms ? t('region') : '', ...(firms ? [t('suggestionsColumn')] : [])],
        data.rows.map((item, i) => {
          const tr = rowOf(
            [
              String(gapState.offset + i + 1),
              item.name,
              item.locatedIn
                ? item.locatedIn.map((r) => r.name).join('、')
                : item.chains
                  ? item.chains.map((c) => c.name).join('、')
                  : '',
            ],
            openRow(gap.kind, item),
          );
          if (firms) tr.append(suggestionsCell(item));
          return tr;
        }),
      );
    } catch (error) {
      $('gap-summary').dataset.total = '';
      $('gap-summary').dataset.error = error.code || 'ERROR';
      $('gap-summary').textContent = error.code === 'FORBIDDEN' ? t('needsPlanner') : error.message;
    }
  }

  $('gap-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const gap = GAPS.find((g) => g.name === $('gap-name').value) || GAPS[0];
    gapState.query = { gap, ...gapArguments(gap, 'gap') };
    gapState.offset = 0;
    showGap();
  });
  $('gap-prev').addEventListener('click', () => {
    gapState.offset = Math.max(0, gapState.offset - PAGE);
    showGap();
  });
  $('gap-next').addEventListener('click', () => {
    gapState.offset += PAGE;
    showGap();
  });

  /** The region and chain chosen in a panel's form (those the field `takes`), as variables and their types. */
  function addFilters(prefix, args, types, takes = ['regionCode', 'chainId']) {
    if (takes.includes('regionCode') && $(`${prefix}-region`).value) {
      args.regionCode = $(`${prefix}-region`).value;
      types.regionCode = 'RegionCode';
    }
    if (takes.includes('chainId') && $(`${prefix}-chain`).value) {
      args.chainId = $(`${prefix}-chain`).value;
      types.chainId = 'ID';
    }
  }

  const coverageState = { offset: 0, query: null };
  /** The coverage asked for last: its year and filters (paging keeps them even if the form changed since). */
  function coverageQuery() {
    const args = { year: Number($('coverage-year').value) || reportYear };
    const types = { year: 'Int!' };
    addFilters('coverage', args, types);
    return { args, types };
  }

  async function showCoverage() {
    if (!coverageState.query) return;
    const { args, types } = coverageState.query;
    try {
      const data = await plannerGql(D.coverage(types), { ...args, offset: coverageState.offset });
      const c = data.c;
      const summary = $('coverage-summary');
      summary.dataset.covered = String(c.covered);
      summary.dataset.total = String(c.total);
      summary.dataset.missing = String(c.missing);
      summary.textContent = t('coverage', {
        covered: c.covered,
        total: c.total,
        ratio: `${(c.ratio * 100).toFixed(1)}%`,
        missing: c.missing,
      });
      $('coverage-page').textContent = c.missing
        ? t('page', { from: coverageState.offset + 1, to: coverageState.offset + data.rows.length })
        : '';
      $('coverage-prev').disabled = coverageState.offset === 0;
      $('coverage-next').disabled = coverageState.offset + PAGE >= c.missing;
      rowsTable(
        $('coverage-table'),
        ['#', t('name'), t('lacks')],
        data.rows.map((item, i) =>
          rowOf(
            [String(coverageState.offset + i + 1), item.name, item.missingFourHaves.map((m) => t(m)).join('、')],
            openRow('Enterprise', item),
          ),
        ),
      );
    } catch (error) {
      $('coverage-summary').textContent = error.code === 'FORBIDDEN' ? t('needsPlanner') : error.message;
    }
  }
  $('coverage-form').addEventListener('submit', (event) => {
    event.preventDefault();
    coverageState.query = coverageQuery();
    coverageState.offset = 0;
    showCoverage();
  });
  $('coverage-prev').addEventListener('click', () => {
    coverageState.offset = Math.max(0, coverageState.offset - PAGE);
    showCoverage();
  });
  $('coverage-next').addEventListener('click', () => {
    coverageState.offset += PAGE;
    showCoverage();
  });

  /** The review the form asks for: its year (the latest target year by default) and filters. */
  function reviewQuery() {
    const args = { year: Number($('review-year').value) || targetYear };
    const types = { year: 'Int!' };
    addFilters('review', args, types);
    return { args, types };
  }

  async function showReview() {
    const { args, types } = reviewQuery();
    try {
      const data = await gql(D.review(types), args);
      const r = data.r;
      const summary = $('review-summary');
      summary.dataset.met = String(r.met);
      summary.dataset.notMet = String(r.notMet);
      summary.textContent = t('reviewSummary', r);
      const number = (v) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(3));
      const state = {
        MET: t('met'),
        NOT_MET: t('notMet'),
        UNAVAILABLE: t('unavailable'),
        SUPPRESSED: t('suppressed'),
      };
      rowsTable(
        $('review-table'),
        [t('metric'), t('target'), t('actual'), t('previous'), t('trend'), t('status')],
        r.targets.map((x) => {
          const tr = rowOf([
            x.metric,
            number(x.target),
            number(x.actual),
            number(x.previousActual),
            `${x.change > 0 ? '↑' : x.change < 0 ? '↓' : ''}${number(x.change)}`,
            state[x.status],
          ]);
          tr.classList.add(x.status === 'MET' ? 'met' : x.status === 'NOT_MET' ? 'not-met' : 'unavailable');
          return tr;
        }),
      );
    } catch (error) {
      $('review-summary').textContent = error.code === 'FORBIDDEN' ? t('needsPlanner') : error.message;
    }
  }
  $('review-form').addEventListener('submit', (event) => {
    event.preventDefault();
    showReview();
  });

  /** Downloads an export (GET /export/…) with the token, under the name the API gives it. */
  async function download(path, params, format) {
    const query = new URLSearchParams(
      Object.entries({ ...params, format }).filter(([, v]) => v !== null && v !== '' && v !== undefined),
    );
    const response = await fetch(`${path}?${query}`, { headers: authHeaders() });
    if (response.status === 401) showTokenForm(true);
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      status((body.errors && body.errors[0] && body.errors[0].message) || `HTTP ${response.status}`, true);
      return;
    }
    const name =
      (/filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '') || [])[1] || `export.${format}`;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status(t('exported', { file: name }));
  }
  // Each panel exports what its form asks for, with the arguments its own query would send.
  for (const format of ['xlsx', 'csv']) {
    $(`gap-${format}`).addEventListener('click', () => {
      const gap = GAPS.find((g) => g.name === $('gap-name').value) || GAPS[0];
      download(`/export/gap/${gap.name}`, gapArguments(gap, 'gap').args, format);
    });
    $(`coverage-${format}`).addEventListener('click', () =>
      download('/export/gap/fourHavesCoverage', coverageQuery().args, format),
    );
    $(`review-${format}`).addEventListener('click', () => download('/export/review', reviewQuery().args, format));
  }

  // ── Start ────────────────────────────────────────────────────────────────────────────────────────────────────

  function fillSelect(select, items, allLabel) {
    const current = select.value;
    const all = document.createElement('option');
    all.value = '';
    all.textContent = allLabel;
    select.replaceChildren(
      all,
      ...items.map(([value, label]) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = label;
        return option;
      }),
    );
    select.value = current;
  }

  /** The chains, regions and the latest target year: the choices of the selectors and the panels' default year. */
  function loadReferenceLists() {
    return gql(D.queries.referenceLists)
      .then((data) => {
        const chains = data.industryChains.map((c) => [c.id, c.name]);
        fillSelect($('chain-select'), chains, t('chooseChain'));
        const regions = data.regions.filter((r) => r.level !== 'CITY').map((r) => [r.code, r.name]);
        for (const prefix of ['gap', 'coverage', 'review']) {
          fillSelect($(`${prefix}-chain`), chains, t('allChains'));
          fillSelect($(`${prefix}-region`), regions, t('allRegions'));
        }
        const fallback = new Date().getFullYear() - 1;
        reportYear = data.reports[0] ? data.reports[0].year : fallback;
        targetYear = data.targets[0] ? data.targets[0].year : reportYear;
        if (!$('coverage-year').value) $('coverage-year').value = String(reportYear);
        if (!$('review-year').value) $('review-year').value = String(targetYear);
        status(t('ready'));
      })
      .catch((error) => status(error.message, true));
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token-input')
      .value.trim()
      .replace(/^Bearer\s+/i, '');
    if (!token) return;
    window.localStorage.setItem(TOKEN_KEY, token);
    plannerAnswer = null;
    $('token-input').value = '';
    loadReferenceLists();
  });
  $('token-forget').addEventListener('click', () => {
    window.localStorage.removeItem(TOKEN_KEY);
    plannerAnswer = null;
    status(t('tokenForgotten'));
  });

  // For browser tests, the front-end team and debugging from the console: each view's promise resolves once its
  // layout has stopped.
  window.explorer = {
    cy,
    showChainMap: (id) => showChainMap(id, true),
    showNeighborhood: (id) => showNeighborhood(id, true, true),
    expandGroup: (id) => openNode(cy.getElementById(id)),
    focus: (id) => focusNode(id),
    clear: () => $('clear').click(),
  };

  applyText();
  fillGapNames();
  selectTab('details');
  resetDetails();
  renderLegend();
  if (storedToken()) showTokenForm(false);
  loadReferenceLists();
})();
