import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ReportInput } from '../input';
import type { ReportChart } from './chartStyle';
import { CITY_MAP, countiesChart, loadCityMap, mapChart } from './countyCharts';
import { matrixChart } from './matrixChart';
import { targetsChart, trendChart } from './targetCharts';

export type { ReportChart } from './chartStyle';

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
