export { type RenderedChart, type ReportChart, chartOptions, renderCharts } from './charts';
export { renderReport } from './document';
export {
  formatChange,
  formatCount,
  formatDate,
  formatDateTime,
  formatDifference,
  formatMoney,
  formatPercent,
  formatStatus,
  formatTarget,
  formatValue,
  NONE,
} from './format';
