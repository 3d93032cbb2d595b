// The import links behind some AuditEvents (AuditEvent.changes of an import or of its undo): at most $limit per
// event, in row order.
// Parameters: $auditIds: list<string>, $limit: integer ≥ 1
// Columns: auditId: string, undo: boolean (the event is the batch's undo), link: map (as
//   cypher/history/batchLinks.cypher)
UNWIND $auditIds AS auditId
CALL {
  WITH auditId
  OPTIONAL MATCH (byImport:ImportBatch {auditId: auditId})
  OPTIONAL MATCH (byUndo:ImportBatch {undoAuditId: auditId})
  WITH coalesce(byImport, byUndo) AS b, byImport IS NULL AS undo
  MATCH (n)-[l:IMPORTED_IN]->(b)
  WITH n, l, b, undo
  ORDER BY l.row, n.id
  LIMIT $limit
  RETURN undo,
    // #include history/linkRow
    AS link
}
RETURN auditId, undo, link
