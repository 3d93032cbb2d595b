/**
 * What a write transaction of ours tells the change-history trigger (cypher/history/capture.cypher) through its
 * transaction metadata (neo4j-driver's `metadata`, Cypher's `$metaData` in an APOC trigger; `SHOW TRANSACTIONS`
 * shows it too). Every key is a string: metadata is free-form on the wire, so nothing else is relied on.
 *
 * - A transaction **without** `app` is a write made around the API (cypher-shell with the password): the trigger
 *   records its changes under an AuditEvent of its own (actor "outside the API"), counts it in the data version and
 *   marks the maintained aggregates stale, since nothing else will.
 * - With `app`, the writer keeps the data version and the aggregates itself; `auditId` names the AuditEvent it
 *   creates in the same transaction, which the recorded changes point to (without one, the trigger creates the
 *   event from `actor` and `operation`).
 * - `history: 'skip'` records nothing: derived data (the maintained aggregates' upkeep and rebuild), the demo-data
 *   load and a restore, whose nodes are not changes made by anyone.
 * - `history: 'batch'`: an import or its undo, whose own record is the batch's IMPORTED_IN links (every node's row,
 *   values before and after, and relationships), written in the same transaction; src/history/ reads them as its
 *   changes. The trigger records nothing more: for a 10,000-row import it would double the transaction's memory.
 */
export interface WriteMetadata {
  app: typeof APP;
  /** The GraphQL field or the command (`updateEnterprises`, `import enterprises`, `undo import`, `restore`, …). */
  operation: string;
  actor?: string;
  /** The AuditEvent this transaction creates (src/audit/record.ts), which the changes point to. */
  auditId?: string;
  /** The server's request id, when the write came through the API. */
  requestId?: string;
  /** An import (or the batch an undo takes back), and its file; the row comes from each fact's `source`. */
  batchId?: string;
  importFile?: string;
  history?: 'skip' | 'batch';
}

export const APP = 'innovation-graph';

/** The metadata of a write whose changes are not history (derived data, the demo-data load, a restore). */
export function unrecorded(operation: string): WriteMetadata {
  return { app: APP, operation, history: 'skip' };
}

/** Metadata as neo4j-driver takes it (a map of strings), without the keys that have no value. */
export function asTxMetadata(metadata: WriteMetadata): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
}
