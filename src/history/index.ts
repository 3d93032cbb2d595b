export { changeOf, type HistoryFilter, readChangesOfEvents, readHistory } from './read';
export type { Change, PropertyChange } from './change';
export { keepCreated } from './batchChanges';
