export type {
  ColumnSpec,
  KindSpec,
  KindWrites,
  NodeLabel,
  NodeWrite,
  OrganisationLabel,
  References,
  RelWrite,
  SubjectSpec,
  WriteInput,
} from './columns';
export { date, given, int } from './columns';
export type { ValueType } from '../read/valueTypes';
export { IMPORT_KINDS, type ImportKind, KINDS } from './registry';
export { writeTemplate } from './template';
