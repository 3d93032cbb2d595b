export { ConfigError, loadConfig, MIN_SECRET_BYTES } from './loadConfig';
export type { AuthConfig, Config, TokenKey, LogLevel, Neo4jTarget } from './loadConfig';
