export { ConfigError, loadConfig } from './loadConfig';
export type { Config, LogLevel, Neo4jTarget } from './loadConfig';
