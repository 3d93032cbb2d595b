export { ConfigError, loadConfig, MIN_SECRET_BYTES } from './loadConfig';
export type {
  AuthConfig,
  Config,
  FairnessLimits,
  LogLevel,
  Neo4jTarget,
  OperationLimits,
  TokenKey,
} from './loadConfig';
