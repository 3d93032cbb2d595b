// @ts-check
// The dashboard's ECharts options for the counties: ranked, on the city's map, and the chain × county matrix, with the
// county the planner chose highlighted (the rules of src/report/render/charts.ts, as charts.js).
import { CITY_MAP, COLOR, frame } from './charts.js';
import { formatValue, niceCeil, scaleOf } from './format.js';
import { metricName, text as t } from './i18n.js';

/** @typedef {import('./charts.js').BreakdownRow} BreakdownRow */
/** @typedef {import('./charts.js').Breakdown} Breakdown */
/** @typedef {import('./charts.js').Matrix} Matrix */
/** @typedef {import('./charts.js').Option} Option */

const EMPTY_CELL = { color: '#fde2e1', border: '#c62828' };
const BLUES = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#1f5fa8'];

/**
 * The rows ranked: highest value first, withheld ones last in their given order.
 * @param {BreakdownRow[]} rows
 */
export function ranked(rows) {
  const known = rows.filter((r) => r.metric.value !== null);
  const withheld = rows.filter((r) => r.metric.value === null);
  return [...known.sort((a, b) => (b.metric.value ?? 0) - (a.metric.value ?? 0)), ...withheld];
}

/**
 * The counties ranked by `metric`, a horizontal bar each; a withheld value grey and labelled 不公开, the chosen county
 * in orange.
 * @param {Breakdown} breakdown
 * @param {string} metric
 * @param {number} year
 * @param {string | null} selected
 * @returns {Option}
 */
export function rankingOption(breakdown, metric, year, selected) {
  const rows = ranked(breakdown.rows);
  const scale = scaleOf(
    breakdown.unit,
    metric,
    rows.map((r) => r.metric.value),
  );
  return {
    ...frame(t('rankingTitle', { metric: metricName(metric) }), [
      t('unit', { unit: scale.unit }),
      t('dataYear', { year }),
    ]),
    grid: { left: 120, right: 90, top: 62, bottom: 28 },
    xAxis: { type: 'value', axisLabel: { formatter: breakdown.unit === 'ratio' ? '{value}%' : '{value}' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, width: 110, overflow: 'truncate', fontSize: 12 },
    },
    series: [
      {
        id: 'ranking',
        type: 'bar',
        barMaxWidth: 18,
        cursor: 'pointer',
        data: rows.map((r) => {
          const withheld = r.metric.value === null;
          return {
            value: withheld ? 0 : scale.of(r.metric.value ?? 0),
            code: r.code,
            raw: r.metric.value,
            suppressed: r.metric.suppressed,
            itemStyle: { color: withheld ? COLOR.none : r.code === selected ? COLOR.pick : COLOR.line },
            label: {
              show: true,
              position: /** @type {const} */ ('right'),
              fontSize: 11,
              color: withheld ? COLOR.none : '#222',
              fontWeight: r.code === selected ? /** @type {const} */ ('bold') : /** @type {const} */ ('normal'),
              formatter: withheld ? t('withheld') : formatValue(r.metric.value, breakdown.unit, metric),
            },
          };
        }),
      },
    ],
  };
}

/**
 * The counties coloured by `metric` on the city's map, joined by GB/T 2260 code (`nameProperty: 'code'`), never by
 * name; a withheld value grey and labelled 不公开; a row the map has no boundary for (a functional zone) named in the
 * subtitle instead.
 * @param {Breakdown} breakdown
 * @param {string} metric
 * @param {number} year
 * @param {string | null} selected
 * @param {ReadonlyMap<string, string>} mapNames the map's county names by code
 * @returns {Option}
 */
export function mapOption(breakdown, metric, year, selected, mapNames) {
  const scale = scaleOf(
    breakdown.unit,
    metric,
    breakdown.rows.map((r) => r.metric.value),
  );
  const rowByCode = new Map(breakdown.rows.map((r) => [r.code, r]));
  const unmapped = breakdown.rows.filter((r) => !mapNames.has(r.code)).map((r) => r.name);
  const known = breakdown.rows.flatMap((r) => (r.metric.value === null ? [] : [scale.of(r.metric.value)]));
  const low = known.length > 0 ? Math.min(...known) : 0;
  const high = known.length > 0 ? Math.max(...known) : 1;
  const axisText = (/** @type {number} */ v) => `${Number(v.toFixed(1)).toLocaleString('en-US')}${scale.unit}`;
  const notes = [t('unit', { unit: scale.unit }), t('dataYear', { year }), t('grey')];
  const unmappedNote = unmapped.length > 0 ? t('unmapped', { names: unmapped.join(t('separator')) }) : '';
  return {
    ...frame(t('mapTitle', { metric: metricName(metric) }), notes),
    graphic: unmappedNote
      ? [{ type: 'text', left: 10, bottom: 8, style: { text: unmappedNote, fill: '#555', fontSize: 12 } }]
      : [],
    visualMap: {
      type: 'continuous',
      min: low,
      max: high > low ? high : low + 1,
      text:
        known.length > 0 ? [`${t('high')} ${axisText(high)}`, `${t('low')} ${axisText(low)}`] : [t('high'), t('low')],
      calculable: false,
      inRange: { color: ['#deebf7', '#08519c'] },
      right: 10,
      bottom: 30,
      itemHeight: 100,
      textStyle: { fontSize: 11 },
    },
    series: [
      {
        id: 'map',
        type: 'map',
        map: CITY_MAP,
        nameProperty: 'code',
        top: 64,
        bottom: 30,
        left: 10,
        right: 90,
        selectedMode: 'single',
        itemStyle: { areaColor: '#d9d9d9', borderColor: '#ffffff', borderWidth: 1.2 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#f5c16c' } },
        select: { itemStyle: { borderColor: COLOR.pick, borderWidth: 3 }, label: { color: '#000' } },
        label: {
          show: true,
          fontSize: 11,
          lineHeight: 13,
          color: '#111',
          textBorderColor: '#ffffff',
          textBorderWidth: 2,
        },
        labelLayout: { moveOverlap: 'shiftY', hideOverlap: true },
        data: [...mapNames.keys()].map((code) => {
          const row = rowByCode.get(code);
          const value = row?.metric.value ?? null;
          const name = row?.name ?? mapNames.get(code) ?? code;
          const figure = !row
            ? t('noData')
            : value === null
              ? t('withheld')
              : formatValue(value, breakdown.unit, metric);
          return {
            name: code,
            value: value === null ? '-' : scale.of(value),
            raw: value,
            suppressed: row?.metric.suppressed ?? null,
            selected: code === selected,
            // The city's districts are small on the map: a smaller label keeps them apart.
            label: {
              formatter: `${name}\n${figure}`,
              fontSize: row?.level === 'DISTRICT' ? 10 : 11,
              // Lines of a label apart: a CJK glyph's box is taller than its font size.
              lineHeight: row?.level === 'DISTRICT' ? 13 : 15,
            },
          };
        }),
      },
    ],
  };
}

/**
 * The heat map's colour bands: empty (0) first, then up to five bands of nice width up to the largest cell.
 * @param {number} largest
 */
function matrixPieces(largest) {
  const step = niceCeil(Math.max(largest, 1) / BLUES.length);
  const bands = BLUES.map((color, i) => {
    const min = i === 0 ? 1 : i * step + 1;
    const max = (i + 1) * step;
    return { min, max, label: min === max ? `${min}` : `${min}–${max}`, color };
  }).filter((band) => band.min <= Math.max(largest, 1));
  return [{ value: 0, label: `0（${t('empty')}）`, color: EMPTY_CELL.color }, ...bands];
}

/**
 * Firms per chain × county as a heat map; an empty cell (0) is a gap, pale red, outlined and labelled 空; the chosen
 * county's column stands out (the others faded).
 * @param {Matrix} matrix
 * @param {number} year
 * @param {string | null} selected
 * @returns {Option}
 */
export function matrixOption(matrix, year, selected) {
  const { chains, counties, cells } = matrix;
  const byCell = new Map(cells.map((c) => [`${c.chainId} ${c.regionCode}`, c.enterprises]));
  const data = chains.flatMap((chain, i) =>
    counties.map((county, j) => {
      const value = byCell.get(`${chain.id} ${county.code}`) ?? 0;
      const faded = selected !== null && county.code !== selected;
      return {
        value: [j, i, value],
        chainId: chain.id,
        regionCode: county.code,
        itemStyle:
          value === 0
            ? { borderColor: EMPTY_CELL.border, borderWidth: 1, opacity: faded ? 0.35 : 1 }
            : { opacity: faded ? 0.35 : 1 },
        label:
          value === 0
            ? { formatter: t('empty'), color: EMPTY_CELL.border, fontWeight: /** @type {const} */ ('bold') }
            : undefined,
      };
    }),
  );
  const largest = Math.max(0, ...cells.map((c) => c.enterprises));
  return {
    ...frame(t('matrixTitle', { year }), [t('matrixUnit'), t('dataYear', { year }), t('emptyNote')]),
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      right: 10,
      top: 8,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { fontSize: 11 },
      pieces: matrixPieces(largest),
    },
    grid: { left: 210, right: 16, top: 64, bottom: 40 },
    xAxis: {
      type: 'category',
      position: 'bottom',
      data: counties.map((c) => c.name),
      axisLabel: {
        interval: 0,
        fontSize: 12,
        formatter: (/** @type {string} */ name, /** @type {number} */ i) =>
          counties[i]?.code === selected ? `{pick|${name}}` : name,
        rich: { pick: { color: COLOR.pick, fontWeight: 'bold', fontSize: 13 } },
      },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chains.map((c) => c.name),
      axisLabel: { interval: 0, width: 196, overflow: 'truncate', fontSize: 12 },
    },
    tooltip: {
      confine: true,
      formatter: (/** @type {any} */ p) => {
        const [j, i, value] = /** @type {number[]} */ (p.value);
        // A formatter's string is HTML to ECharts: names come from the graph, so they are escaped.
        const names = `${chains[i ?? 0]?.name ?? ''} × ${counties[j ?? 0]?.name ?? ''}`;
        return `${echarts.format.encodeHTML(names)}：${formatValue(value ?? 0, 'count', 'INDUSTRIAL_ENTERPRISES')}`;
      },
    },
    series: [
      {
        id: 'matrix',
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        label: { show: true, fontSize: 11, color: '#111', textBorderColor: '#ffffff', textBorderWidth: 2 },
      },
    ],
  };
}
