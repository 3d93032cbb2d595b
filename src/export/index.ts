export {
  ExportError,
  type ExportFilters,
  type GapFields,
  exportableGaps,
  exportGap,
  exportReview,
  type RunOperation,
} from './exportTables';
export { type ColumnKind, type Table, type TableColumn, toCsv, toXlsx } from './table';
export { latestReportYear } from './latestReportYear';
