// The map explorer: plain browser JavaScript, no build step, every asset served by the API itself (the machines are
// offline, so no CDN). It talks only to POST /graphql, with the same queries a front end would send.
(function () {
  'use strict';

  const SUBGRAPH =
    'nodes { id type label properties } edges { id type source target properties } truncated omitted { relationshipType count }';
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
    Target: '#444',
  };

  const $ = (id) => document.getElementById(id);
  const pick = { from: null, to: null };
  const hiddenTypes = new Set();

  const cy = cytoscape({
    container: $('graph'),
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'font-size': 9,
          'text-wrap': 'ellipsis',
          'text-max-width': 120,
          width: 18,
          height: 18,
          'background-color': (n) => COLORS[n.data('type')] || '#777',
          color: '#1d2433',
        },
      },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f2c94c' } },
      {
        selector: 'edge',
        style: {
          width: 1,
          'line-color': '#b8c0cc',
          'target-arrow-color': '#b8c0cc',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.6,
          'curve-style': 'bezier',
          label: 'data(type)',
          'font-size': 6,
          color: '#8a93a3',
        },
      },
      {
        selector: '.path',
        style: { 'line-color': '#e0467c', 'target-arrow-color': '#e0467c', width: 3, 'background-color': '#e0467c' },
      },
    ],
    wheelSensitivity: 0.3,
    maxZoom: 2.5,
    minZoom: 0.05,
  });

  // Where authentication is configured the API wants a bearer token: the page asks for one on a 401 and keeps it in
  // localStorage (this key), so a planner pastes it once per browser. In local mode no token is needed or asked for.
  const TOKEN_KEY = 'innovation-graph.token';
  const storedToken = () => window.localStorage.getItem(TOKEN_KEY) || '';

  function showTokenForm(focus) {
    $('token-form').hidden = false;
    if (focus) $('token-input').focus();
  }

  async function gql(query, variables) {
    const headers = { 'content-type': 'application/json' };
    const token = storedToken();
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (response.status === 401) {
      showTokenForm(true);
      throw new Error(
        token
          ? 'The token was refused (expired or not valid): paste a new one above.'
          : 'This API needs a token: paste one above (an administrator can mint it with npm run token).',
      );
    }
    if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }

  function status(text, isError) {
    const el = $('status');
    el.textContent = text;
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

  // A Subgraph maps one to one onto Cytoscape elements (see README, "Relationship maps").
  function toElements(subgraph) {
    return [
      ...subgraph.nodes.map((n) => ({
        group: 'nodes',
        data: { id: n.id, label: n.label, type: n.type, properties: n.properties },
      })),
      ...subgraph.edges.map((e) => ({
        group: 'edges',
        data: { id: e.id, source: e.source, target: e.target, type: e.type, properties: e.properties },
      })),
    ];
  }

  function draw(subgraph, replace) {
    if (replace) cy.elements().remove();
    const fresh = toElements(subgraph).filter((el) => cy.getElementById(el.data.id).empty());
    cy.add(fresh);
    applyFilters();
    cy.layout({ name: 'cose', animate: false, randomize: replace, fit: true, padding: 20 }).run();
    renderTypeFilters();
    updateCounts();
    const cut = subgraph.omitted.map((o) => `${o.relationshipType} ${o.count}`).join(', ');
    return subgraph.truncated ? ` (truncated${cut ? `: left out ${cut}` : ''})` : '';
  }

  async function showNeighborhood(id, replace) {
    status(`Loading the neighbourhood of ${id}…`);
    try {
      const data = await gql(`query ($id: ID!) { neighborhood(id: $id, depth: 1, limit: 60) { ${SUBGRAPH} } }`, { id });
      const note = draw(data.neighborhood, replace);
      status(`Neighbourhood of ${id}: ${data.neighborhood.nodes.length} nodes${note}`);
    } catch (error) {
      status(error.message, true);
    }
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
        label.append(input, ` ${type} (${cy.nodes(`[type = "${type}"]`).length})`);
        const row = document.createElement('div');
        row.append(label);
        return row;
      }),
    );
  }

  function applyFilters() {
    cy.nodes().forEach((n) => n.style('display', hiddenTypes.has(n.data('type')) ? 'none' : 'element'));
  }

  function showDetails(element) {
    const data = element.data();
    const table = document.createElement('table');
    const rows = element.isNode()
      ? [['type', data.type], ['id', data.id], ...Object.entries(data.properties || {}).filter(([k]) => k !== 'id')]
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
    if (element.isNode()) {
      const actions = document.createElement('p');
      const expand = button('Expand', () => showNeighborhood(data.id, false));
      const from = button('Path from here', () => setPick('from', data));
      const to = button('Path to here', () => setPick('to', data));
      actions.append(expand, ' ', from, ' ', to);
      details.append(actions);
    }
  }

  function button(text, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  function setPick(end, data) {
    pick[end] = data.id;
    $(`path-${end}`).textContent = data.label;
    $('find-path').disabled = !(pick.from && pick.to);
  }

  cy.on('tap', 'node, edge', (event) => showDetails(event.target));
  cy.on('dbltap', 'node', (event) => showNeighborhood(event.target.id(), false));

  $('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('search-input').value.trim();
    if (!text) return;
    status(`Searching ${text}…`);
    try {
      const data = await gql('query ($text: String!) { search(text: $text, limit: 15) { id type label } }', { text });
      $('results').replaceChildren(
        ...data.search.map((hit) => {
          const li = document.createElement('li');
          const b = button('', () => showNeighborhood(hit.id, true));
          b.dataset.id = hit.id;
          b.append(hit.label, document.createElement('br'));
          const small = document.createElement('small');
          small.textContent = hit.type;
          b.append(small);
          li.append(b);
          return li;
        }),
      );
      status(`${data.search.length} result(s) for ${text}`);
    } catch (error) {
      status(error.message, true);
    }
  });

  $('chain-select').addEventListener('change', async (event) => {
    const chainId = event.target.value;
    if (!chainId) return;
    status(`Loading the chain map of ${chainId}…`);
    try {
      const data = await gql(`query ($chainId: ID!) { chainMap(chainId: $chainId) { ${SUBGRAPH} } }`, { chainId });
      const note = draw(data.chainMap, true);
      status(`Chain map: ${data.chainMap.nodes.length} nodes${note}`);
    } catch (error) {
      status(error.message, true);
    }
  });

  $('find-path').addEventListener('click', async () => {
    status('Finding the shortest path…');
    try {
      const data = await gql(
        `query ($from: ID!, $to: ID!) { shortestPath(fromId: $from, toId: $to, maxHops: 6) { ${SUBGRAPH} } }`,
        { from: pick.from, to: pick.to },
      );
      const path = data.shortestPath;
      if (path.nodes.length === 0) {
        status(`No path of at most 6 hops${path.truncated ? ' (a longer one exists)' : ''}`);
        return;
      }
      draw(path, false);
      cy.elements().removeClass('path');
      for (const n of path.nodes) cy.getElementById(n.id).addClass('path');
      for (const e of path.edges) cy.getElementById(e.id).addClass('path');
      status(`Path of ${path.edges.length} hop(s)`);
    } catch (error) {
      status(error.message, true);
    }
  });

  $('clear').addEventListener('click', () => {
    cy.elements().remove();
    renderTypeFilters();
    updateCounts();
    status('Cleared.');
  });

  // For browser tests and debugging from the console.
  window.explorer = { cy };

  function loadChains() {
    return gql('{ industryChains(limit: 100, sort: [{ name: ASC }]) { id name } }')
      .then((data) => {
        const select = $('chain-select');
        while (select.options.length > 1) select.remove(1);
        for (const chain of data.industryChains) {
          const option = document.createElement('option');
          option.value = chain.id;
          option.textContent = chain.name;
          select.append(option);
        }
        status('Ready.');
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
    $('token-input').value = '';
    loadChains();
  });
  $('token-forget').addEventListener('click', () => {
    window.localStorage.removeItem(TOKEN_KEY);
    status('Token forgotten.');
  });

  if (storedToken()) showTokenForm(false);
  loadChains();
  updateCounts();
})();
