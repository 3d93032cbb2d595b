export { changeOf, readChangesOfEvents, readHistory } from './read';
export type { HistoryFilter } from './read';
export type { Change, PropertyChange } from './change';
export { keepCreated } from './batchChanges';
