export { accessControl } from './accessControl';
export { argumentGuards, type GuardedField } from './argumentGuards';
export { buildSchema, loadTypeDefs, SCHEMA_DIR } from './buildSchema';
export { moneyNotNegative } from './money';
export { type ListLimit, operationLimits } from './operationLimits';
export { bookmarkResponse, databaseGate, dataVersionCache, type DataVersionCacheOptions } from './plugins';
export { Preflight } from './preflight';
export { requestDeadline } from './requestDeadline';
export { rootFieldNodes } from './operations';
