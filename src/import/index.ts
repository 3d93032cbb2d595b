export { type UndoConflict, UndoError, type UndoReport, undoImport } from './apply/undo';
export { IMPORT_KINDS, type ImportKind, KINDS, QUALIFICATIONS, writeTemplate } from './kinds';
export { normalizeName, REVIEW_THRESHOLD, similarity } from './match/names';
export type { Candidate, Problem, ReviewItem } from './match/plan';
export { decodeCsv, FileError, readTable } from './read/table';
export { importKind, type ImportReport, type ImportRequest, parseMapping, runImport } from './runImport';
