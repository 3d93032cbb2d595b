// The change history (cypher/history/capture.cypher writes it, src/history/ reads it): one Change per node or
// relationship a write changed, read by the node's id (a relationship by either end) and by its AuditEvent. Every
// write pays for each index here, so there is none on `at`: a history is first found by id, then ordered by time.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE INDEX change_node IF NOT EXISTS FOR (n:Change) ON (n.nodeId);
CREATE INDEX change_from IF NOT EXISTS FOR (n:Change) ON (n.fromId);
CREATE INDEX change_to IF NOT EXISTS FOR (n:Change) ON (n.toId);
CREATE INDEX change_audit IF NOT EXISTS FOR (n:Change) ON (n.auditId);
// An import's and its undo's changes are the batch's links (src/history/batchChanges.ts), found by their event.
CREATE INDEX import_batch_audit IF NOT EXISTS FOR (n:ImportBatch) ON (n.auditId);
CREATE INDEX import_batch_undo_audit IF NOT EXISTS FOR (n:ImportBatch) ON (n.undoAuditId);
