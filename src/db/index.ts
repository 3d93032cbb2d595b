export { ChangeCaptureError, CHANGE_TRIGGER, ensureChangeCapture, UNRECORDED_LABELS } from './changeCapture';
export { toBigIntOrNull, toNumber, toNumberOrNull, toPlain } from './convert';
export {
  bumpDataVersion,
  createDriver,
  dataVersion,
  own,
  readTx,
  runAutoCommit,
  withAutoCommitReads,
  writeTx,
} from './driver';
export type { DriverOptions, ReadRunner, TxOptions } from './driver';
export { DbHealth } from './health';
export type { DbStatus } from './health';
export { loadMigrations, migrate, splitStatements } from './migrations';
export {
  buildLauncher,
  checkJava,
  freePort,
  LocalNeo4jError,
  portIsOpen,
  readRunning,
  startLocalNeo4j,
  stopLocalNeo4j,
} from './localNeo4j';
export type { LocalNeo4jInfo, LocalNeo4jOptions } from './localNeo4j';
export { resolveTarget } from './resolveTarget';
export { APP, asTxMetadata, unrecorded } from './writeMetadata';
export type { WriteMetadata } from './writeMetadata';
export type { ResolvedNeo4j } from './resolveTarget';
export { expandIncludes, loadCypher, writeConstants } from './loadCypher';
export {
  BOOKMARK_HEADER,
  BookmarkCodec,
  bookmarkKeys,
  requestBookmarks,
  sealBookmarks,
  withBookmarks,
} from './bookmarks';
export { KeyedSemaphores, ownPermit, Semaphore, withSessionLimits } from './sessionLimits';
export { copyDataFolder, isDataFolder, replaceDataFolder } from './offlineCopy';
export { BookmarkNotReached, awaitBookmarks, parseBookmarks } from './bookmarks';
export { SessionWaitTimeout } from './sessionLimits';
