// @ts-check
// The dashboard's ECharts options for the city's targets and their trends (countyCharts.js: the counties), built from
// the API's answers: the rules of the annual report's charts (src/report/render/charts.ts) ported to the browser, in
// the page's language. Every chart has a title, and a subtitle giving its unit and data year. Each data item keeps the API's
// own figure (`raw`) beside the drawn one, so a test compares the chart with the API without undoing a scale.
import { formatChange, formatTarget, formatValue, niceCeil, scaleOf } from './format.js';
import { metricName, text as t, unitName } from './i18n.js';

/**
 * @typedef {{ targetId: string, metric: string, comparison: string, target: number, unit: string | null,
 *   actual: number | null, met: boolean | null, status: string, previousActual: number | null,
 *   change: number | null, suppressed: string | null }} ReviewTarget
 * @typedef {{ year: number, value: number | null, suppressed: string | null }} SeriesPoint
 * @typedef {{ name: string, unit: string, points: SeriesPoint[],
 *   targets: { year: number, value: number, comparison: string, met: boolean | null }[] }} Series
 * @typedef {{ code: string, name: string, level: string | null,
 *   metric: { value: number | null, suppressed: string | null } }} BreakdownRow
 * @typedef {{ unit: string, total: { value: number | null }, rows: BreakdownRow[] }} Breakdown
 * @typedef {{ chains: { id: string, name: string }[], counties: { code: string, name: string }[],
 *   cells: { chainId: string, regionCode: string, enterprises: number }[] }} Matrix
 * @typedef {import('echarts').EChartsOption} Option
 */

/** The map's name in ECharts' registry: the GB/T 2260 code of 平顶山市 (public/maps/410400.json). */
export const CITY_MAP = '410400';
export const COLOR = {
  met: '#2e7d32',
  notMet: '#c62828',
  none: '#9e9e9e',
  line: '#1f5fa8',
  target: '#c62828',
  pick: '#e08a00',
};
const FONT = "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/**
 * Title and subtitle (notes set apart by ideographic spaces) and what every chart shares.
 * @param {string} title
 * @param {string[]} notes
 * @returns {Option}
 */
export function frame(title, notes) {
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: {
      text: title,
      subtext: notes.join('\u3000'),
      left: 8,
      top: 4,
      textStyle: { fontSize: 15, fontWeight: 'bold' },
      subtextStyle: { fontSize: 12, color: '#555' },
    },
    tooltip: { confine: true },
  };
}

/** @param {string} status */
const statusColor = (status) => (status === 'MET' ? COLOR.met : status === 'NOT_MET' ? COLOR.notMet : COLOR.none);

/** @param {string} status */
export const statusText = (status) =>
  status === 'MET'
    ? t('met')
    : status === 'NOT_MET'
      ? t('notMet')
      : status === 'SUPPRESSED'
        ? t('SUPPRESSED')
        : t('unavailable');

/**
 * The year's targets in one chart: each bar actual ÷ target (%) against a dashed 100% line (the targets mix units),
 * green met, red not, grey without a figure; the label gives the figures themselves.
 * @param {ReviewTarget[]} targets
 * @param {number} year
 * @returns {Option}
 */
export function targetsOption(targets, year) {
  const measured = targets.filter((x) => x.actual !== null && x.target !== 0);
  const highest = Math.max(100, ...measured.map((x) => ((x.actual ?? 0) / x.target) * 100));
  const axisMax = Math.max(120, Math.ceil(Math.min(highest, 200) / 20) * 20);
  const data = targets.map((x) => {
    const measuredStatus = x.status === 'MET' || x.status === 'NOT_MET';
    const percent =
      x.actual === null || !measuredStatus
        ? null
        : x.target === 0
          ? x.actual === 0
            ? 100
            : axisMax
          : (x.actual / x.target) * 100;
    const unit = x.unit ?? 'ratio';
    const figures = t('actualOfTarget', { actual: formatValue(x.actual, unit, x.metric), target: formatTarget(x) });
    return {
      value: percent ?? 0,
      metric: x.metric,
      actual: x.actual,
      target: x.target,
      status: x.status,
      itemStyle: { color: statusColor(x.status) },
      label: {
        show: true,
        position: /** @type {const} */ ('right'),
        backgroundColor: '#ffffff',
        color: percent === null ? COLOR.none : '#222',
        formatter: percent === null ? statusText(x.status) : figures,
      },
    };
  });
  return {
    ...frame(t('targetsTitle', { year }), [t('targetsUnit'), t('dataYear', { year })]),
    grid: { left: 250, right: 200, top: 62, bottom: 24 },
    xAxis: { type: 'value', max: axisMax, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: targets.map((x) => metricName(x.metric)),
      axisLabel: { interval: 0, width: 236, overflow: 'truncate', fontSize: 12 },
    },
    series: [
      {
        id: 'targets',
        type: 'bar',
        barMaxWidth: 20,
        data,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#444' },
          label: { position: 'start', formatter: t('targetLine') },
          data: [{ xAxis: 100 }],
        },
      },
    ],
  };
}

/**
 * One metric over the years as a line, the target of `year` (when the scope has one) as a dashed red markLine.
 * @param {Series} series
 * @param {number} year the target year
 * @param {string} scopeName the city's or the chosen county's name
 * @returns {Option}
 */
export function trendOption(series, year, scopeName) {
  const metric = series.name;
  const target = series.targets.find((x) => x.year === year) ?? null;
  const values = series.points.map((p) => p.value);
  const scale = scaleOf(series.unit, metric, [...values, target?.value ?? null]);
  const years = series.points.map((p) => p.year);
  const span = years.length > 0 ? `${Math.min(...years)}–${Math.max(...years)}` : String(year);
  const drawnTarget = target === null ? null : scale.of(target.value);
  const dataMax = Math.max(0, ...values.map((v) => scale.of(v ?? 0)));
  // With the API's figure beside the drawn one (`raw`), as every data item.
  const targetMark = { yAxis: drawnTarget ?? 0, name: 'target', raw: target?.value ?? null };
  return {
    ...frame(`${metricName(metric)}（${scopeName}）`, [t('unit', { unit: scale.unit }), t('dataYear', { year: span })]),
    // The target's label sits right of the plot, where no point's label can cover it.
    grid: { left: 56, right: 78, top: 64, bottom: 28 },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: years.map(String), axisLabel: { interval: 0 } },
    yAxis: {
      type: 'value',
      scale: series.unit !== 'ratio',
      max:
        series.unit === 'ratio'
          ? 100
          : drawnTarget !== null && drawnTarget > dataMax
            ? niceCeil(drawnTarget * 1.05)
            : undefined,
      min: series.unit === 'ratio' ? 0 : undefined,
      axisLabel: { formatter: series.unit === 'ratio' ? '{value}%' : '{value}' },
    },
    series: [
      {
        id: 'trend',
        type: 'line',
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 2.5, color: COLOR.line },
        itemStyle: { color: COLOR.line },
        data: series.points.map((p) => ({
          value: p.value === null ? '-' : scale.of(p.value),
          raw: p.value,
          year: p.year,
          label: {
            show: true,
            position: /** @type {const} */ ('top'),
            fontSize: 11,
            formatter: p.value === null ? t('withheld') : formatValue(p.value, series.unit, metric),
          },
        })),
        markLine:
          target === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: COLOR.target, width: 1.5 },
                label: {
                  position: 'end',
                  color: COLOR.target,
                  fontSize: 11,
                  formatter: `${t('yearTarget', { year })}\n${formatTarget({ ...target, target: target.value, unit: series.unit, metric })}`,
                },
                data: [targetMark],
              },
      },
    ],
  };
}

/**
 * A target's card text: actual, target, change from last year, in the page's language.
 * @param {ReviewTarget} x
 */
export function targetFigures(x) {
  const unit = x.unit ?? 'ratio';
  return {
    name: metricName(x.metric),
    actual: formatValue(x.actual, unit, x.metric),
    target: formatTarget(x),
    change: formatChange(x.change, unit, x.metric),
    status: statusText(x.status),
    unitName: unitName(x.metric),
  };
}
