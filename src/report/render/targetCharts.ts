import type { EChartsOption } from 'echarts';
import type { ReportInput, ReportSeries, ReportTarget } from '../input';
import { COLOR, frame, niceCeil, type ReportChart, scaleOf, WIDTH } from './chartStyle';
import { formatStatus, formatTarget, formatValue } from './format';

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
export function targetsChart(input: ReportInput): ReportChart {
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
export function trendChart(input: ReportInput, series: ReportSeries, index: number): ReportChart {
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
