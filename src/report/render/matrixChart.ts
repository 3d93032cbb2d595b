import type { EChartsOption } from 'echarts';
import type { ReportInput } from '../input';
import { BLUES, EMPTY_CELL, frame, niceCeil, type ReportChart, WIDTH } from './chartStyle';

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
export function matrixChart(input: ReportInput): ReportChart {
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
