export { MIN_SECRET_BYTES } from './auth';
export { ConfigError, loadConfig } from './loadConfig';
export type {
  AuthConfig,
  Config,
  FairnessLimits,
  LogLevel,
  Neo4jTarget,
  OperationLimits,
  TokenKey,
} from './loadConfig';
export type { BackupScheduleConfig } from './loadConfig';
export { explorerDocuments, mergeTrustedDocuments } from './trustedDocuments';
export { APOLLO_MANIFEST_FORMAT, EXPLORER_MANIFEST, sha256Hex } from './trustedDocuments';
export type { TrustedDocuments } from './trustedDocuments';
