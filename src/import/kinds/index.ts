export type {
  ColumnSpec,
  KindSpec,
  KindWrites,
  NodeWrite,
  References,
  RelWrite,
  ValueType,
  WriteInput,
} from './columns';
export { date, given, int } from './columns';
export { QUALIFICATIONS } from './qualifications';
export { IMPORT_KINDS, type ImportKind, KINDS, PLANNED_KINDS } from './registry';
export { writeTemplate } from './template';
