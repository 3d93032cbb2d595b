// The change history (cypher/history/capture.cypher writes it, src/history/ reads it): one Change per node or
// relationship a write changed, read by the node's id (a relationship by either end), by its AuditEvent, and by time.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE INDEX change_node IF NOT EXISTS FOR (n:Change) ON (n.nodeId);
CREATE INDEX change_from IF NOT EXISTS FOR (n:Change) ON (n.fromId);
CREATE INDEX change_to IF NOT EXISTS FOR (n:Change) ON (n.toId);
CREATE INDEX change_audit IF NOT EXISTS FOR (n:Change) ON (n.auditId);
CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at);
