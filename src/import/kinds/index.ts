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
  ValueType,
  WriteInput,
} from './columns';
export { date, given, int } from './columns';
export { QUALIFICATIONS } from './qualifications';
export { IMPORT_KINDS, type ImportKind, KINDS } from './registry';
export { writeTemplate } from './template';
