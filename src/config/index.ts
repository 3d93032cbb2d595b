export { MIN_SECRET_BYTES } from './auth';
export {
  type AuthConfig,
  type BackupScheduleConfig,
  type Config,
  ConfigError,
  type FairnessLimits,
  loadConfig,
  type LogLevel,
  type Neo4jTarget,
  type OperationLimits,
  type TokenKey,
} from './loadConfig';
export {
  APOLLO_MANIFEST_FORMAT,
  EXPLORER_MANIFEST,
  explorerDocuments,
  mergeTrustedDocuments,
  sha256Hex,
  type TrustedDocuments,
} from './trustedDocuments';
