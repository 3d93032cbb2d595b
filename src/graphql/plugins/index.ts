export { bookmarkResponse } from './bookmarkResponse';
export { databaseGate } from './databaseGate';
export { dataVersionCache, type DataVersionCacheOptions } from './dataVersionCache';
