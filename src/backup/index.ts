export {
  BackupError,
  type BackupHeader,
  EXCLUDED_LABELS,
  FORMAT_NAME,
  FORMAT_VERSION,
  KNOWN_VERSIONS,
  type NodeLine,
  type RelationshipLine,
} from './format';
export { type BodyLine, parseBodyLine } from './lines';
export { type BackupScan, parseHeader, scanBackup } from './readBackup';
export { verifyBackup } from './verifyBackup';
export { backupGraph, type BackupOptions, type BackupSummary } from './writeBackup';
export { decodeProperties, decodeValue, type EncodedValue, encodeProperties, encodeValue, ValueError } from './values';
export { loadBody, RESTORE_BATCH } from './loadBody';
export { restoreGraph, type RestoreOptions, type RestoreSummary } from './restoreGraph';
export { RESTORE_METADATA, restoreMarker, type RestoreMarker, writeRestoreMarker } from './restoreMarker';
export {
  BackupSchedule,
  type BackupStatus,
  type BackupStatusSource,
  SCHEDULED_BACKUP_NAME,
  scheduledBackupName,
} from './schedule';
