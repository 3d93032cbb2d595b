import { readFileSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { fromRoot } from '../../paths';
import type { ReportBreakdown, ReportInput, ReportSeries, ReportTarget, ReportUnit } from '../input';
import { formatStatus, formatTarget, formatValue } from './format';

/** One chart of the report: its ECharts option and the size (CSS px) it is drawn at. */
export interface ReportChart {
  id: string;
  title: string;
  option: EChartsOption;
  width: number;
  height: number;
}

/** A chart drawn: the SVG ECharts wrote and the PNG (twice the width, for print) the document embeds. */
export interface RenderedChart {
  id: string;
  title: string;
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/**
 * The font every chart asks for. resvg finds it among the system fonts (Noto Sans CJK SC, installed with the
 * fonts-noto-cjk package); ECharts' default (sans-serif) would leave resvg to pick a font without Chinese glyphs.
 */
const FONT_FAMILY = 'Noto Sans CJK SC, sans-serif';
const WIDTH = 900;
const COLOR = { met: '#2e7d32', notMet: '#c62828', none: '#9e9e9e', line: '#1f5fa8', target: '#c62828' };
/** The heat map's colour for an empty chain × county cell (a gap), and its label. */
const EMPTY_CELL = { color: '#fde2e1', border: '#c62828', label: '空' };
const BLUES = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#1f5fa8'];

/** The county map's name in ECharts' registry and its file: GB/T 2260 code of 平顶山市, README in public/maps/. */
const CITY_MAP = '410400';
const CITY_MAP_FILE = fromRoot('public', 'maps', `${CITY_MAP}.json`);

interface CityMap {
  text: string;
  /** Chinese name by GB/T 2260 code, for the labels (the map joins on the code, never on the name). */
  names: Map<string, string>;
}

let cityMap: CityMap | undefined;

/** The county boundaries, read once on first use (not at import: a module has no side effects when loaded). */
function loadCityMap(): CityMap {
  if (!cityMap) {
    const text = readFileSync(CITY_MAP_FILE, 'utf8');
    const geoJson = JSON.parse(text) as { features: { properties: { code: string; name: string } }[] };
    cityMap = { text, names: new Map(geoJson.features.map((f) => [f.properties.code, f.properties.name])) };
  }
  return cityMap;
}

/** How a unit's values are drawn: the axis unit, and the conversion from the input's figure to it. */
interface Scale {
  unit: string;
  of: (value: number) => number;
}

/**
 * A ratio is drawn in % and yuan in 万元, or in 亿元 when the largest amount reaches 1亿元 (the rule of format.ts);
 * a count in its own unit. Money is divided, not multiplied by 1e-4, so a round amount stays round on the axis.
 */
function scaleOf(unit: ReportUnit, unitName: string, values: (number | null)[]): Scale {
  if (unit === 'ratio') return { unit: '%', of: (v) => v * 100 };
  if (unit === 'count') return { unit: unitName || '个', of: (v) => v };
  const largest = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  return largest >= 1e8 ? { unit: '亿元', of: (v) => v / 1e8 } : { unit: '万元', of: (v) => v / 1e4 };
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`: an axis end that reads well. */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/**
 * Title, subtitle (unit, data year and any note, set apart by ideographic spaces) and the settings every chart
 * shares: white ground, CJK font, no animation.
 */
function frame(title: string, notes: string[]): EChartsOption {
  const subtext = notes.join('\u3000');
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY },
    title: {
      text: title,
      subtext,
      left: 'center',
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 18 },
      subtextStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: '#555' },
    },
  };
}

/** A bar's colour by the target's status: grey when there is no figure to draw. */
function statusColor(status: ReportTarget['status']): string {
  if (status === 'MET') return COLOR.met;
  return status === 'NOT_MET' ? COLOR.notMet : COLOR.none;
}

/**
 * Actual as a percentage of target. A target of 0 (an “at most 0” limit) has no ratio: reaching it exactly counts as
 * 100%, anything above is drawn at `cap`, the axis end.
 */
function percentOfTarget(actual: number, target: number, cap: number): number {
  if (target === 0) return actual === 0 ? 100 : cap;
  return (actual / target) * 100;
}

/**
 * The year's targets in one chart. The targets mix units (%, 家, 元), so each bar is normalised to actual ÷ target
 * (%) against a dashed 100% line, and its label gives the figures themselves; one chart keeps the year's picture on
 * one page, where a chart per unit would scatter it. An “at most” target is met at or below 100%: the colour (green
 * met, red not met) tells, not the side of the line. A withheld or unavailable figure has no bar, only its status in
 * grey.
 */
function targetsChart(input: ReportInput): ReportChart {
  const targets = input.review.targets;
  const measured = targets.filter((t) => t.actual !== null && t.target !== 0);
  const highest = Math.max(100, ...measured.map((t) => ((t.actual ?? 0) / t.target) * 100));
  // Past 200% a bar would flatten the others; it is clipped at the axis end and its label still gives the figure.
  const axisMax = Math.max(120, Math.ceil(Math.min(highest, 200) / 20) * 20);
  const data = targets.map((t) => {
    const measuredStatus = t.status === 'MET' || t.status === 'NOT_MET';
    const percent = t.actual !== null && measuredStatus ? percentOfTarget(t.actual, t.target, axisMax) : null;
    const figures = `${formatValue(t.actual, t.unit, t.unitName)}（目标${formatTarget(t)}）`;
    return {
      value: percent ?? 0,
      itemStyle: { color: statusColor(t.status) },
      label: {
        show: true,
        position: 'right' as const,
        // On white, so the dashed 100% line does not run through the figures.
        backgroundColor: '#ffffff',
        color: percent === null ? COLOR.none : '#222',
        formatter: percent === null ? formatStatus(t.status) : figures,
      },
    };
  });
  const height = 110 + 48 * Math.max(targets.length, 1);
  const option: EChartsOption = {
    ...frame(`${input.year}年度目标完成情况`, ['单位：实际 ÷ 目标（%），虚线为目标线100%', `数据年份：${input.year}`]),
    grid: { left: 210, right: 230, top: 100, bottom: 40 },
    xAxis: { type: 'value', max: axisMax, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: targets.map((t) => t.metric),
      axisLabel: { interval: 0, width: 190, overflow: 'break', lineHeight: 15, fontSize: 12 },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 24,
        data,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#444' },
          // At the top end of the line: the bottom end would sit on the axis label “100%”.
          label: { position: 'start', formatter: '目标100%' },
          data: [{ xAxis: 100 }],
        },
      },
    ],
  };
  return { id: 'targets', title: `${input.year}年度目标完成情况`, option, width: WIDTH, height };
}

/** One metric over the data years as a line, its target (if any) as a dashed red line. */
function trendChart(input: ReportInput, series: ReportSeries, index: number): ReportChart {
  const values = series.points.map((p) => p.value);
  const scale = scaleOf(series.unit, series.unitName, [...values, series.target]);
  const scaled = values.map((v) => (v === null ? '-' : scale.of(v)));
  const years = series.points.map((p) => p.year);
  const span = years.length > 0 ? `${Math.min(...years)}–${Math.max(...years)}` : String(input.year);
  const target = series.target === null ? null : scale.of(series.target);
  const dataMax = Math.max(0, ...values.map((v) => scale.of(v ?? 0)));
  const title = `${series.metric}变化趋势`;
  const option: EChartsOption = {
    ...frame(title, [`单位：${scale.unit}`, `数据年份：${span}`]),
    // The target's label sits right of the plot, where no point's label can cover it.
    grid: { left: 80, right: 150, top: 80, bottom: 40 },
    xAxis: { type: 'category', data: years.map(String), axisLabel: { interval: 0 } },
    yAxis: {
      type: 'value',
      name: scale.unit,
      // A target above every point would fall off the axis: the axis reaches it.
      max: target !== null && target > dataMax ? niceCeil(target * 1.05) : undefined,
    },
    series: [
      {
        type: 'line',
        data: scaled,
        connectNulls: false,
        symbolSize: 7,
        lineStyle: { width: 2.5, color: COLOR.line },
        itemStyle: { color: COLOR.line },
        label: {
          show: true,
          position: 'top',
          backgroundColor: '#ffffff',
          formatter: (p: { dataIndex: number }) =>
            formatValue(series.points[p.dataIndex]?.value ?? null, series.unit, series.unitName),
        },
        markLine:
          series.target === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: COLOR.target, width: 1.5 },
                label: {
                  position: 'end',
                  color: COLOR.target,
                  formatter: `${input.year}年目标\n${formatValue(series.target, series.unit, series.unitName)}`,
                },
                data: [{ yAxis: target ?? 0, name: '目标' }],
              },
      },
    ],
  };
  return { id: `trend-${index}`, title, option, width: WIDTH, height: 420 };
}

/** The rows ranked: highest value first, withheld ones last in their given order. */
function ranked(breakdown: ReportBreakdown): ReportBreakdown['rows'] {
  const known = breakdown.rows.filter((r) => r.value !== null);
  const withheld = breakdown.rows.filter((r) => r.value === null);
  return [...known.sort((a, b) => (b.value ?? 0) - (a.value ?? 0)), ...withheld];
}

/** The counties ranked by the breakdown's metric, a horizontal bar each; a withheld value is labelled 不公开. */
function countiesChart(input: ReportInput): ReportChart {
  const breakdown = input.counties;
  const rows = ranked(breakdown);
  const scale = scaleOf(
    breakdown.unit,
    breakdown.unitName,
    rows.map((r) => r.value),
  );
  const title = `各县（市、区）${breakdown.metric}排名`;
  const option: EChartsOption = {
    ...frame(title, [`单位：${scale.unit}`, `数据年份：${input.year}`]),
    grid: { left: 150, right: 110, top: 80, bottom: 40 },
    xAxis: { type: 'value', name: scale.unit },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, width: 135, overflow: 'truncate', fontSize: 12 },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: rows.map((r) => ({
          value: r.value === null ? 0 : scale.of(r.value),
          itemStyle: { color: r.value === null ? COLOR.none : COLOR.line },
          label: {
            show: true,
            position: 'right' as const,
            color: r.value === null ? COLOR.none : '#222',
            formatter: r.value === null ? '不公开' : formatValue(r.value, breakdown.unit, breakdown.unitName),
          },
        })),
      },
    ],
  };
  return { id: 'counties', title, option, width: WIDTH, height: 110 + 34 * Math.max(rows.length, 1) };
}

/**
 * The counties coloured by the breakdown's value on the map of public/maps/410400.json, joined by GB/T 2260 code
 * (`nameProperty: 'code'`), never by name: names vary between sources and change when a county becomes a 市. A
 * region of the rows that the map has no boundary for (a functional zone) is named in the subtitle instead.
 */
function mapChart(input: ReportInput): ReportChart {
  const breakdown = input.counties;
  const { names } = loadCityMap();
  const scale = scaleOf(
    breakdown.unit,
    breakdown.unitName,
    breakdown.rows.map((r) => r.value),
  );
  const rowByCode = new Map(breakdown.rows.map((r) => [r.code, r]));
  const unmapped = breakdown.rows.filter((r) => !names.has(r.code)).map((r) => r.name);
  const known = breakdown.rows.flatMap((r) => (r.value === null ? [] : [scale.of(r.value)]));
  const low = known.length > 0 ? Math.min(...known) : 0;
  const high = known.length > 0 ? Math.max(...known) : 1;
  const axisText = (v: number): string => `${Number(v.toFixed(1)).toLocaleString('en-US')}${scale.unit}`;
  const label = (code: string): string => {
    const row = rowByCode.get(code);
    const name = row?.name ?? names.get(code) ?? code;
    if (!row) return `${name}\n无数据`;
    return `${name}\n${row.value === null ? '不公开' : formatValue(row.value, breakdown.unit, breakdown.unitName)}`;
  };
  const title = `各县（市、区）${breakdown.metric}分布`;
  const unmappedNote = unmapped.length > 0 ? [`未上图：${unmapped.join('、')}`] : [];
  const option: EChartsOption = {
    ...frame(title, [`单位：${scale.unit}`, `数据年份：${input.year}`, '灰色：不公开或无数据', ...unmappedNote]),
    visualMap: {
      type: 'continuous',
      min: low,
      max: high > low ? high : low + 1,
      text: known.length > 0 ? [`高 ${axisText(high)}`, `低 ${axisText(low)}`] : ['高', '低'],
      calculable: false,
      inRange: { color: ['#deebf7', '#08519c'] },
      left: 30,
      bottom: 30,
    },
    series: [
      {
        type: 'map',
        map: CITY_MAP,
        nameProperty: 'code',
        top: 90,
        bottom: 30,
        itemStyle: { areaColor: '#d9d9d9', borderColor: '#ffffff', borderWidth: 1.5 },
        emphasis: { disabled: true },
        label: {
          show: true,
          fontSize: 12,
          color: '#111',
          textBorderColor: '#ffffff',
          textBorderWidth: 2,
          formatter: (p: { name: string }) => label(p.name),
        },
        data: breakdown.rows
          .filter((r) => names.has(r.code))
          .map((r) => ({ name: r.code, value: r.value === null ? '-' : scale.of(r.value) })),
      },
    ],
  };
  return { id: 'map', title, option, width: WIDTH, height: 760 };
}

/** The heat map's colour bands: empty (0) first, then up to five bands of nice width up to the largest cell. */
function matrixPieces(largest: number): { min?: number; max?: number; value?: number; label: string; color: string }[] {
  const step = niceCeil(Math.max(largest, 1) / BLUES.length);
  const bands = BLUES.map((color, i) => {
    const min = i === 0 ? 1 : i * step + 1;
    const max = (i + 1) * step;
    return { min, max, label: min === max ? `${min}` : `${min}–${max}`, color };
  }).filter((band) => band.min <= Math.max(largest, 1));
  return [{ value: 0, label: `0（${EMPTY_CELL.label}）`, color: EMPTY_CELL.color }, ...bands];
}

/** Firms per chain × county as a heat map; an empty cell (0) is a gap, drawn pale red, outlined and labelled 空. */
function matrixChart(input: ReportInput): ReportChart {
  const { chains, counties, cells } = input.matrix;
  const left = 170;
  const right = 30;
  const cellWidth = (WIDTH - left - right) / Math.max(counties.length, 1);
  const data = chains.flatMap((_, i) =>
    counties.map((__, j) => {
      const value = cells[i]?.[j] ?? 0;
      if (value !== 0) return { value: [j, i, value] };
      return {
        value: [j, i, 0],
        itemStyle: { borderColor: EMPTY_CELL.border, borderWidth: 1 },
        label: { formatter: EMPTY_CELL.label, color: EMPTY_CELL.border, fontWeight: 'bold' as const },
      };
    }),
  );
  const largest = Math.max(0, ...cells.flat());
  const title = `${input.year}年度产业链 × 县（市、区）企业分布`;
  const option: EChartsOption = {
    ...frame(title, ['单位：家（企业数）', `数据年份：${input.year}`, '“空”为该链在该地无企业']),
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      top: 58,
      itemWidth: 16,
      itemHeight: 12,
      pieces: matrixPieces(largest),
    },
    grid: { left, right, top: 100, bottom: 70 },
    xAxis: {
      type: 'category',
      data: counties.map((c) => c.name),
      splitArea: { show: false },
      axisLabel: { interval: 0, width: Math.max(cellWidth - 6, 24), overflow: 'break', lineHeight: 14, fontSize: 12 },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chains.map((c) => c.name),
      axisLabel: { interval: 0, width: left - 16, overflow: 'truncate', fontSize: 12 },
    },
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        label: { show: true, fontSize: 11, color: '#111', textBorderColor: '#ffffff', textBorderWidth: 2 },
      },
    ],
  };
  return { id: 'matrix', title, option, width: WIDTH, height: 190 + 34 * Math.max(chains.length, 1) };
}

/**
 * The report's charts, in the order the document shows them: targets, one trend per series, the county ranking, the
 * county map and the chain × county matrix. Pure apart from reading the county map once (for its names).
 */
export function chartOptions(input: ReportInput): ReportChart[] {
  return [
    targetsChart(input),
    ...input.series.map((series, i) => trendChart(input, series, i)),
    countiesChart(input),
    mapChart(input),
    matrixChart(input),
  ];
}

/** One chart to SVG with ECharts' server-side renderer (no DOM, no canvas). */
function toSvg(chart: ReportChart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  try {
    instance.setOption(chart.option);
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/**
 * Every chart of `chartOptions` drawn to SVG and rasterised to PNG at twice its width (sharp in print). resvg runs
 * on its own thread (renderAsync), so a report does not stall the server's other requests.
 */
export async function renderCharts(input: ReportInput): Promise<RenderedChart[]> {
  const map = loadCityMap();
  if (!echarts.getMap(CITY_MAP)) echarts.registerMap(CITY_MAP, map.text);
  const charts = chartOptions(input);
  return Promise.all(
    charts.map(async (chart) => {
      const svg = toSvg(chart);
      const image = await renderAsync(svg, {
        fitTo: { mode: 'width', value: 2 * chart.width },
        font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
      });
      return { id: chart.id, title: chart.title, svg, png: image.asPng(), width: chart.width, height: chart.height };
    }),
  );
}
