// @ts-check
// The planner's dashboard (驾驶舱): the year's targets, their trends, the counties ranked and mapped by a metric, and
// the chain × county matrix, from the same API as the explorer (its api.js: the kept token; its documents.js: every
// document is in the persisted-documents manifest). A click on a county (map, ranking or matrix) narrows the trends
// to it and highlights it elsewhere. window.__dashboard gives tests the charts and the state.
import { authHeaders, gql, keepToken, storedToken } from '../explorer/api.js';
import { dashboardQueries as queries } from '../explorer/documents.js';
import { CITY_MAP } from './charts.js';
import { apply, language, metricName, setLanguage, text as t } from './i18n.js';
import { loadMetricNames, METRIC_DISPLAY } from './metricNames.js';
import { $, charts, drawAll, state, status } from './view.js';

/** @typedef {import('./charts.js').ReviewTarget} ReviewTarget */
/** @typedef {import('./charts.js').Series} Series */
/** @typedef {import('./charts.js').Breakdown} Breakdown */
/** @typedef {import('./charts.js').Matrix} Matrix */

/** Years a trend shows before the target year. */
const TREND_YEARS = 4;

/**
 * Runs `query` with `variables` (gql of the explorer: the kept token, errors with their code).
 * @template T
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<T>}
 */
const ask = async (query, variables) => /** @type {T} */ (await gql(query, variables));

/**
 * A metric's trend for the years up to the target year in the scope `regionCode`; from the first data year when the
 * data begins later than TREND_YEARS before.
 * @param {string} name
 * @param {string} regionCode
 * @returns {Promise<Series>}
 */
async function fetchSeries(name, regionCode) {
  const variables = { name, from: state.year - TREND_YEARS, to: state.year, regionCode };
  try {
    return (await ask(queries.series, variables)).s;
  } catch (error) {
    // The data starts later than the chart's first year: from its first year. Any other refusal is the page's error.
    if (!(error instanceof Error) || !error.message.startsWith('from:')) throw error;
    return (await ask(queries.series, { ...variables, from: null })).s;
  }
}

/** Every target metric's trend in the current scope. */
async function loadSeries() {
  const regionCode = state.region ?? CITY_MAP;
  const metrics = state.review.map((x) => x.metric);
  const answers = await Promise.all(metrics.map((m) => fetchSeries(m, regionCode)));
  return new Map(metrics.map((m, i) => [m, /** @type {Series} */ (answers[i])]));
}

/** The breakdown of the chosen metric by county. */
async function loadBreakdown() {
  /** @type {{ b: Breakdown }} */
  const data = await ask(queries.breakdown, { name: state.metric, year: state.year, regionCode: CITY_MAP });
  return data.b;
}

/**
 * Runs `load` as the page's latest request: draws once it is done, unless another one started meanwhile.
 * @param {() => Promise<void>} load
 */
async function run(load) {
  const request = ++state.request;
  status(t('loading'));
  try {
    await load();
    if (request !== state.request) return;
    drawAll();
    status(t('ready'));
  } catch (error) {
    if (request === state.request) status(error instanceof Error ? error.message : String(error), true);
  }
}

/** Everything of the chosen year. */
function loadYear() {
  return run(async () => {
    /** @type {[{ r: { targets: ReviewTarget[] } }, Breakdown, { m: Matrix }]} */
    const [review, breakdown, matrix] = await Promise.all([
      ask(queries.review, { year: state.year, regionCode: CITY_MAP }),
      loadBreakdown(),
      ask(queries.matrix, { year: state.year, regionCode: CITY_MAP }),
    ]);
    state.review = review.r.targets;
    state.breakdown = breakdown;
    state.matrix = matrix.m;
    state.series = await loadSeries();
  });
}

/**
 * Narrows the page to the county `code` (null: the whole city; the chosen county again: the whole city).
 * @param {string | null} code
 */
function selectCounty(code) {
  state.region = code === state.region ? null : code;
  return run(async () => {
    state.series = await loadSeries();
  });
}

/** The county boundaries, registered as the map CITY_MAP; their names by code. */
async function loadMap() {
  const response = await fetch('./vendor/410400.json');
  const geoJson = /** @type {{ features: { properties: { code: string, name: string } }[] }} */ (await response.json());
  echarts.registerMap(CITY_MAP, /** @type {any} */ (geoJson));
  state.mapNames = new Map(geoJson.features.map((f) => [f.properties.code, f.properties.name]));
}

/** The years that have targets, newest first. */
async function loadYears() {
  /** @type {{ targets: { year: number }[] }} */
  const data = await ask(queries.years);
  return [...new Set(data.targets.map((x) => x.year))].sort((a, b) => b - a);
}

/** The header's controls, and the charts' clicks. */
function wire() {
  $('year', HTMLSelectElement).addEventListener('change', (event) => {
    state.year = Number(/** @type {HTMLSelectElement} */ (event.target).value);
    void loadYear();
  });
  $('metric', HTMLSelectElement).addEventListener('change', (event) => {
    state.metric = /** @type {HTMLSelectElement} */ (event.target).value;
    void run(async () => {
      state.breakdown = await loadBreakdown();
    });
  });
  $('scope-clear').addEventListener('click', () => void selectCounty(null));
  $('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh' : 'en');
    drawAll();
    status(t('ready'));
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    keepToken($('token-input', HTMLInputElement).value.trim());
    $('token-form').hidden = true;
    void start();
  });
  $('gap-link').addEventListener('click', (event) => {
    // A plain link carries no bearer token: with one kept, the file is fetched with it.
    if (!storedToken()) return;
    event.preventDefault();
    void downloadWithToken($('gap-link', HTMLAnchorElement).href);
  });
  window.addEventListener('resize', () => {
    for (const chart of charts.values()) chart.resize();
  });
}

/** The charts' clicks on a county (created once the charts are). */
function wireCharts() {
  for (const id of ['map', 'ranking', 'matrix']) charts.get(id)?.off('click');
  charts.get('map')?.on('click', (p) => void selectCounty(String(p.name)));
  charts.get('ranking')?.on('click', (p) => {
    const code = /** @type {{ code?: string }} */ (p.data)?.code;
    if (code) void selectCounty(code);
  });
  charts.get('matrix')?.on('click', (p) => {
    const code = /** @type {{ regionCode?: string }} */ (p.data)?.regionCode;
    if (code) void selectCounty(code);
  });
}

/**
 * Downloads `href` with the kept token, under the name the API gives it.
 * @param {string} href
 */
async function downloadWithToken(href) {
  const response = await fetch(href, { headers: authHeaders() });
  if (!response.ok) {
    status(`HTTP ${response.status}`, true);
    return;
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '')?.[1] || 'gaps.xlsx';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The metric names, the map, the years and the metrics, then the latest year with targets. */
async function start() {
  await loadMetricNames();
  apply();
  if (state.mapNames.size === 0) await loadMap();
  state.years = await loadYears();
  state.year = state.years[0] ?? new Date().getFullYear() - 1;
  const years = $('year', HTMLSelectElement);
  years.replaceChildren(...state.years.map((y) => new Option(String(y), String(y))));
  years.value = String(state.year);
  const metrics = $('metric', HTMLSelectElement);
  metrics.replaceChildren(...Object.keys(METRIC_DISPLAY).map((m) => new Option(metricName(m), m)));
  metrics.value = state.metric;
  await loadYear();
  wireCharts();
}

wire();
/** The first drawing (rejects when it fails). */
const ready = start();

/** The page's hooks for tests: its charts, its state, a county chosen as a click would. */
Object.assign(window, {
  __dashboard: {
    ready,
    charts: () => Object.fromEntries(charts),
    state: () => ({
      year: state.year,
      metric: state.metric,
      region: state.region,
      lang: language(),
      years: state.years,
    }),
    selectCounty,
    setMetric: (/** @type {string} */ metric) => {
      $('metric', HTMLSelectElement).value = metric;
      state.metric = metric;
      return run(async () => {
        state.breakdown = await loadBreakdown();
      });
    },
  },
});
