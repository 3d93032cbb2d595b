export { CHANGE_TRIGGER, ChangeCaptureError, ensureChangeCapture, UNRECORDED_LABELS } from './changeCapture';
export { toBigIntOrNull, toNumber, toNumberOrNull, toPlain } from './convert';
export {
  bumpDataVersion,
  createDriver,
  dataVersion,
  type DriverOptions,
  own,
  type ReadRunner,
  readTx,
  runAutoCommit,
  type TxOptions,
  withAutoCommitReads,
  writeTx,
} from './driver';
export { DbHealth, type DbStatus } from './health';
export { loadMigrations, migrate, splitStatements } from './migrations';
export {
  buildLauncher,
  checkJava,
  freePort,
  LocalNeo4jError,
  type LocalNeo4jInfo,
  type LocalNeo4jOptions,
  portIsOpen,
  readRunning,
  startLocalNeo4j,
  stopLocalNeo4j,
} from './localNeo4j';
export { type ResolvedNeo4j, resolveTarget } from './resolveTarget';
export { APP, asTxMetadata, unrecorded, type WriteMetadata } from './writeMetadata';
export { expandIncludes, loadCypher, writeConstants } from './loadCypher';
export {
  awaitBookmarks,
  BOOKMARK_HEADER,
  BookmarkCodec,
  bookmarkKeys,
  BookmarkNotReached,
  parseBookmarks,
  requestBookmarks,
  sealBookmarks,
  withBookmarks,
} from './bookmarks';
export { KeyedSemaphores, ownPermit, Semaphore, SessionWaitTimeout, withSessionLimits } from './sessionLimits';
export { copyDataFolder, isDataFolder, replaceDataFolder } from './offlineCopy';
