// @ts-check
// What the dashboard shows and how it draws it: the page's state (the choices and the API's answers for them), its
// charts by id, and the drawing of every section from the state. dashboard.js loads the answers and wires the page.
import { targetFigures, targetsOption, trendOption } from './charts.js';
import { mapOption, matrixOption, rankingOption } from './countyCharts.js';
import { apply, metricName, text as t } from './i18n.js';
import { GAP_LIST_OF } from './metricNames.js';

/** @typedef {import('./charts.js').ReviewTarget} ReviewTarget */
/** @typedef {import('./charts.js').Series} Series */
/** @typedef {import('./charts.js').Breakdown} Breakdown */
/** @typedef {import('./charts.js').Matrix} Matrix */
/** @typedef {import('echarts').ECharts} Chart */

const DEFAULT_METRIC = 'FOUR_HAVES_COVERAGE';

/**
 * What the page shows: the target year, the metric of the counties, the chosen county (null: the whole city), and the
 * API's answers for them.
 * @type {{ years: number[], year: number, metric: string, region: string | null, review: ReviewTarget[],
 *   series: Map<string, Series>, breakdown: Breakdown | null, matrix: Matrix | null, mapNames: Map<string, string>,
 *   request: number }}
 */
export const state = {
  years: [],
  year: 0,
  metric: DEFAULT_METRIC,
  region: null,
  review: [],
  series: new Map(),
  breakdown: null,
  matrix: null,
  mapNames: new Map(),
  request: 0,
};

/** The drawn charts by id: targets, trend-<METRIC>, ranking, map, matrix. */
export const charts = new Map(/** @type {[string, Chart][]} */ ([]));

/**
 * The element of id `id`, of kind `kind`.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {new () => T} [kind]
 * @returns {T}
 */
export function $(id, kind) {
  const element = document.getElementById(id);
  const expected = kind ?? HTMLElement;
  if (!(element instanceof expected)) throw new Error(`the page has no ${expected.name} #${id}`);
  return /** @type {T} */ (element);
}

/**
 * Says `message` in the footer (in red when `isError`).
 * @param {string} message
 * @param {boolean} [isError]
 */
export function status(message, isError) {
  const el = $('status');
  el.textContent = message;
  el.className = isError ? 'error' : '';
}

/**
 * The chart drawn in `el` (created on first use, with the SVG renderer: its labels are text elements a test can measure).
 * @param {string} id
 * @param {HTMLElement} el
 */
function chartIn(id, el) {
  let chart = charts.get(id);
  if (!chart || chart.getDom() !== el) {
    chart = echarts.init(el, null, { renderer: 'svg' });
    charts.set(id, chart);
  }
  return chart;
}

/**
 * Draws `option` in the chart `id` of element `el` at `height` px, replacing what it showed.
 * @param {string} id
 * @param {HTMLElement} el
 * @param {import('echarts').EChartsOption} option
 * @param {number} [height]
 */
function draw(id, el, option, height) {
  if (height !== undefined) el.style.height = `${height}px`;
  const chart = chartIn(id, el);
  chart.resize();
  chart.setOption(option, { notMerge: true });
  return chart;
}

/** The chosen county's name, or the city's. */
function scopeName() {
  if (state.region === null) return t('city');
  return (
    state.breakdown?.rows.find((r) => r.code === state.region)?.name ?? state.mapNames.get(state.region) ?? state.region
  );
}

/** The year's targets: a card each and the chart of actual ÷ target. */
function drawTargets() {
  $('targets-heading').textContent = t('targetsHeading', { year: state.year });
  const cards = state.review.map((x) => {
    const f = targetFigures(x);
    const card = document.createElement('div');
    card.className = `card ${x.status}`;
    card.dataset.metric = x.metric;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = f.status;
    const name = document.createElement('h3');
    name.textContent = f.name;
    const actual = document.createElement('div');
    actual.className = 'actual';
    actual.textContent = f.actual;
    const line = document.createElement('div');
    line.className = 'line';
    line.textContent = `${t('target')} ${f.target}\u3000${t('change')} ${f.change}`;
    card.append(status, name, actual, line);
    return card;
  });
  $('target-cards').replaceChildren(...cards);
  draw(
    'targets',
    $('chart-targets'),
    targetsOption(state.review, state.year),
    96 + 36 * Math.max(state.review.length, 1),
  );
}

/** One trend chart per target metric, for the chosen county or the city. */
function drawTrends() {
  const box = $('trends');
  const metrics = state.review.map((x) => x.metric);
  for (const [id, chart] of charts) {
    if (id.startsWith('trend-') && !metrics.includes(id.slice(6))) {
      chart.dispose();
      charts.delete(id);
    }
  }
  const elements = metrics.map((metric) => {
    let el = document.getElementById(`chart-trend-${metric}`);
    if (!el) {
      el = document.createElement('div');
      el.id = `chart-trend-${metric}`;
      el.className = 'chart';
      el.setAttribute('aria-label', `trend ${metric}`);
    }
    return el;
  });
  box.replaceChildren(...elements);
  metrics.forEach((metric, i) => {
    const series = state.series.get(metric);
    const el = elements[i];
    if (series && el) draw(`trend-${metric}`, el, trendOption(series, state.year, scopeName()));
  });
  const note = $('county-note');
  note.hidden = state.region === null;
  note.textContent = state.region === null ? '' : t('countyNoTargets', { name: scopeName() });
}

/** The counties ranked and mapped by the chosen metric, and the matrix. */
function drawCounties() {
  if (state.breakdown) {
    const rows = state.breakdown.rows.length;
    draw(
      'ranking',
      $('chart-ranking'),
      rankingOption(state.breakdown, state.metric, state.year, state.region),
      100 + 30 * rows,
    );
    draw(
      'map',
      $('chart-map'),
      mapOption(state.breakdown, state.metric, state.year, state.region, state.mapNames),
      Math.max(480, 100 + 30 * rows),
    );
  }
  if (state.matrix) {
    draw(
      'matrix',
      $('chart-matrix'),
      matrixOption(state.matrix, state.year, state.region),
      110 + 30 * Math.max(state.matrix.chains.length, 1),
    );
  }
}

/** The header's scope and the chosen county's gap-list link. */
function drawScope() {
  $('scope').dataset.regionCode = state.region ?? '';
  $('scope-name').textContent =
    state.region === null ? t('city') : t('selected', { name: scopeName(), code: state.region });
  $('scope-clear').hidden = state.region === null;
  const gap = $('gap');
  const link = $('gap-link', HTMLAnchorElement);
  const list = GAP_LIST_OF[state.metric];
  gap.hidden = state.region === null;
  link.dataset.regionCode = state.region ?? '';
  if (state.region !== null && list) {
    const query = new URLSearchParams({ year: String(state.year), regionCode: state.region, format: 'xlsx' });
    link.href = `/export/gap/${list}?${query}`;
    link.hidden = false;
    link.textContent = t('gapLink', { name: scopeName(), list });
  } else {
    link.hidden = true;
  }
}

/** Everything again, from the answers kept (a new language, a new county). */
export function drawAll() {
  apply();
  const metricSelect = $('metric', HTMLSelectElement);
  for (const option of metricSelect.options) option.textContent = metricName(option.value);
  drawTargets();
  drawTrends();
  drawCounties();
  drawScope();
}
