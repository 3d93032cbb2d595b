export {
  exportableGaps,
  ExportError,
  type ExportFilters,
  exportGap,
  exportReview,
  type GapFields,
  type RunOperation,
} from './exportTables';
export { type ColumnKind, type Table, type TableColumn, toCsv, toXlsx } from './table';
export { latestReportYear } from './latestReportYear';
