export { type UndoConflict, UndoError, undoImport, type UndoReport } from './apply/undo';
export { IMPORT_KINDS, type ImportKind, KINDS, writeTemplate } from './kinds';
export { normalizeName, REVIEW_THRESHOLD, similarity } from './match/names';
export type { Candidate, ReviewItem } from './match/matchRow';
export type { Problem } from './match/rows';
export { decodeCsv, FileError, readTable } from './read/readTable';
export { importKind, type ImportReport, type ImportRequest, parseMapping, runImport } from './runImport';
export { importCypher } from './apply/statements';
