import type { EChartsOption } from 'echarts';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../paths';
import type { ReportBreakdown, ReportInput } from '../input';
import { COLOR, frame, type ReportChart, scaleOf, WIDTH } from './chartStyle';
import { formatValue } from './format';

/** The county map's name in ECharts' registry and its file: GB/T 2260 code of 平顶山市, README in public/maps/. */
export const CITY_MAP = '410400';
const CITY_MAP_FILE = fromRoot('public', 'maps', `${CITY_MAP}.json`);

interface CityMap {
  text: string;
  /** Chinese name by GB/T 2260 code, for the labels (the map joins on the code, never on the name). */
  names: Map<string, string>;
}

let cityMap: CityMap | undefined;

/** The county boundaries, read once on first use (not at import: a module has no side effects when loaded). */
export function loadCityMap(): CityMap {
  if (!cityMap) {
    const text = readFileSync(CITY_MAP_FILE, 'utf8');
    const geoJson = JSON.parse(text) as { features: { properties: { code: string; name: string } }[] };
    cityMap = { text, names: new Map(geoJson.features.map((f) => [f.properties.code, f.properties.name])) };
  }
  return cityMap;
}

/** The rows ranked: highest value first, withheld ones last in their given order. */
function ranked(breakdown: ReportBreakdown): ReportBreakdown['rows'] {
  const known = breakdown.rows.filter((r) => r.value !== null);
  const withheld = breakdown.rows.filter((r) => r.value === null);
  return [...known.sort((a, b) => (b.value ?? 0) - (a.value ?? 0)), ...withheld];
}

/** The counties ranked by the breakdown's metric, a horizontal bar each; a withheld value is labelled 不公开. */
export function countiesChart(input: ReportInput): ReportChart {
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
export function mapChart(input: ReportInput): ReportChart {
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
