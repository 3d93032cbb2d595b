export { AggregateKeeper, catchUpOrRebuild, catchUpOrRebuildAndSay } from './backgroundRebuild';
export { maintainedCells, maintainedMetric } from './read';
export type { CellCounts } from './read';
export { rebuildAggregates } from './rebuild';
export { touchedByMutation } from './touched';
export { beginUpkeep } from './upkeep';
export type { Touched } from './upkeep';
export { aggregatesMode } from './rebuild';
export { IMPORT_MAX_SUBJECTS, touchedIds } from './upkeep';
