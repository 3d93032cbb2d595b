export { bookmarkResponse } from './bookmarkResponse';
export { databaseGate } from './databaseGate';
export { dataVersionCache } from './dataVersionCache';
export type { DataVersionCacheOptions } from './dataVersionCache';
