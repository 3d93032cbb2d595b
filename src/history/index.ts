export { changeOf, readChangesOfEvents, readHistory } from './read';
export type { Change, HistoryFilter, PropertyChange } from './read';
export { keepCreated } from './batchChanges';
