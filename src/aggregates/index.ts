export { AggregateKeeper, catchUpOrRebuild, catchUpOrRebuildAndSay, waitForAggregates } from './backgroundRebuild';
export {
  type CellCounts,
  maintainedCells,
  maintainedMetric,
  maintainedMetrics,
  type MaintainedNumbers,
  type MaintainedRequest,
} from './read';
export { CONTRIBUTION_VERSION, PARTNER_SEGMENT_SUBSETS } from './contributions';
export { aggregatesMode, rebuildAggregates } from './rebuild';
export { touchedByMutation } from './touched';
export { beginUpkeep, IMPORT_MAX_SUBJECTS, type Touched, touchedIds } from './upkeep';
