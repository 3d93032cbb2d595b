export { diffRows, writeDiff } from './apply';
export { IMPORT_KINDS, type ImportKind, KINDS, PLANNED_KINDS, QUALIFICATIONS } from './kinds';
export { normalizeName, REVIEW_THRESHOLD, similarity } from './names';
export type { Candidate, Problem, ReviewItem } from './plan';
export { importKind, type ImportReport, type ImportRequest, parseMapping, runImport } from './runImport';
export { decodeCsv, FileError, readTable } from './table';
export { writeTemplate } from './template';
export { type UndoConflict, UndoError, type UndoReport, undoImport } from './undo';
