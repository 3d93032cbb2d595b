export { ConfigError, loadConfig, MIN_SECRET_BYTES } from './loadConfig';
export type { AuthConfig, Config, LogLevel, Neo4jTarget, OperationLimits, TokenKey } from './loadConfig';
