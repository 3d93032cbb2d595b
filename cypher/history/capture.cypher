// Change capture: the statement of the APOC trigger `changeHistory` (phase "before", src/db/changeCapture.ts
// installs it), which Neo4j runs inside every committing write transaction, whoever made it: its Change nodes commit
// with the write or not at all. One Change per node or relationship the transaction created, changed or deleted, with
// each changed property's value before and after (JSON), pointing to the write's AuditEvent by `auditId`.
// What the writer says of itself comes from the transaction's metadata (src/db/writeMetadata.ts): `history: 'skip'`
// records nothing; without `app: 'innovation-graph'` the write was made around the API, so this statement also
// creates its AuditEvent, counts it in the data version and marks the maintained aggregates stale.
// Derived data and the records themselves (labels in $excludedLabels or starting with `__`, relationship types in
// $excludedTypes, relationships touching such nodes) are not history.
// A deleted node can no longer be read: its labels and properties come from what the transaction removed.
// Parameters (APOC): $createdNodes, $deletedNodes, $createdRelationships, $deletedRelationships,
//   $assignedNodeProperties, $removedNodeProperties, $assignedRelationshipProperties, $removedRelationshipProperties
//   (maps of key → list of {key, old, new, node|relationship}), $assignedLabels, $removedLabels (label → nodes),
//   $metaData: map; (the trigger's own) $excludedLabels: list<string>, $excludedTypes: list<string>
// Columns: none
WITH $metaData AS md
WHERE md.history IS NULL OR md.history <> 'skip'
CALL {
  UNWIND keys($removedLabels) AS label
  UNWIND $removedLabels[label] AS n
  WITH elementId(n) AS eid, collect(label) AS labels
  RETURN apoc.map.fromPairs(collect([eid, labels])) AS removedLabelsOf
}
CALL {
  UNWIND keys($assignedLabels) AS label
  UNWIND $assignedLabels[label] AS n
  WITH elementId(n) AS eid, collect(label) AS labels
  RETURN apoc.map.fromPairs(collect([eid, labels])) AS assignedLabelsOf
}
CALL {
  UNWIND keys($removedNodeProperties) AS key
  UNWIND $removedNodeProperties[key] AS e
  WITH elementId(e.node) AS eid, collect([key, e.old]) AS pairs
  RETURN apoc.map.fromPairs(collect([eid, apoc.map.fromPairs(pairs)])) AS removedPropsOf
}
WITH md, removedLabelsOf, assignedLabelsOf, removedPropsOf,
     apoc.map.fromPairs([n IN $createdNodes | [elementId(n), true]]) AS createdN,
     apoc.map.fromPairs([n IN $deletedNodes | [elementId(n), true]]) AS deletedN,
     apoc.map.fromPairs([r IN $createdRelationships | [elementId(r), true]]) AS createdR,
     apoc.map.fromPairs([r IN $deletedRelationships | [elementId(r), true]]) AS deletedR
// Nodes: every node the transaction touched, with its property changes.
CALL {
  WITH md, removedLabelsOf, assignedLabelsOf, removedPropsOf, createdN, deletedN
  // Grouped in a subquery of its own: the maps above must not be grouping keys (each group would hold a copy).
  CALL {
    CALL {
      UNWIND keys($assignedNodeProperties) AS key
      UNWIND $assignedNodeProperties[key] AS e
      RETURN e.node AS n, key, e.old AS old, e.new AS new
      UNION ALL
      UNWIND keys($removedNodeProperties) AS key
      UNWIND $removedNodeProperties[key] AS e
      RETURN e.node AS n, key, e.old AS old, null AS new
      UNION ALL
      UNWIND $createdNodes + $deletedNodes AS n
      RETURN n, null AS key, null AS old, null AS new
      UNION ALL
      UNWIND keys($assignedLabels) + keys($removedLabels) AS label
      UNWIND coalesce($assignedLabels[label], []) + coalesce($removedLabels[label], []) AS n
      RETURN n, null AS key, null AS old, null AS new
    }
    WITH elementId(n) AS eid, head(collect(n)) AS n,
         collect(CASE WHEN key IS NOT NULL AND (old IS NULL OR new IS NULL OR old <> new) THEN [key, old, new] END)
           AS props
    RETURN eid, n, props
  }
  WITH md, eid, n, props, coalesce(createdN[eid], false) AS created, coalesce(deletedN[eid], false) AS deleted,
       coalesce(assignedLabelsOf[eid], []) AS added, removedLabelsOf[eid] AS removed, removedPropsOf[eid] AS gone
  WHERE NOT (created AND deleted)
  WITH md, n, props, created, deleted,
       CASE WHEN deleted THEN coalesce(removed, []) ELSE labels(n) END AS labels,
       CASE WHEN deleted THEN [] ELSE added END AS added,
       CASE WHEN deleted THEN [] ELSE coalesce(removed, []) END AS removed,
       CASE WHEN deleted THEN gone.id ELSE n.id END AS nodeId,
       CASE WHEN deleted THEN gone.source ELSE n.source END AS source
  WHERE none(l IN labels + removed WHERE l IN $excludedLabels OR l STARTS WITH '__')
    AND (created OR deleted OR size(props) > 0 OR size(added) > 0 OR size(removed) > 0)
  RETURN collect({
    entity: 'NODE',
    action: CASE WHEN created THEN 'CREATED' WHEN deleted THEN 'DELETED' ELSE 'UPDATED' END,
    labels: labels,
    labelsAdded: CASE WHEN created THEN [] ELSE added END,
    labelsRemoved: removed,
    nodeId: nodeId,
    properties: [p IN props | p[0]],
    before: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[1]]])),
    after: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[2]]])),
    source: source
  }) AS nodeChanges
}
// Relationships: their ends by id (a deleted end's id from what the transaction removed).
CALL {
  WITH removedLabelsOf, removedPropsOf, deletedN, createdR, deletedR
  CALL {
    CALL {
      UNWIND keys($assignedRelationshipProperties) AS key
      UNWIND $assignedRelationshipProperties[key] AS e
      RETURN e.relationship AS r, key, e.old AS old, e.new AS new
      UNION ALL
      UNWIND keys($removedRelationshipProperties) AS key
      UNWIND $removedRelationshipProperties[key] AS e
      RETURN e.relationship AS r, key, e.old AS old, null AS new
      UNION ALL
      UNWIND $createdRelationships + $deletedRelationships AS r
      RETURN r, null AS key, null AS old, null AS new
    }
    WITH elementId(r) AS eid, head(collect(r)) AS r,
         collect(CASE WHEN key IS NOT NULL AND (old IS NULL OR new IS NULL OR old <> new) THEN [key, old, new] END)
           AS props
    RETURN eid, r, props
  }
  WITH removedLabelsOf, removedPropsOf, deletedN, r, props,
       coalesce(createdR[eid], false) AS created, coalesce(deletedR[eid], false) AS deleted,
       elementId(startNode(r)) AS fromEid, elementId(endNode(r)) AS toEid
  WHERE NOT (created AND deleted) AND NOT type(r) IN $excludedTypes
  WITH r, props, created, deleted,
       CASE WHEN coalesce(deletedN[fromEid], false) THEN removedPropsOf[fromEid].id ELSE startNode(r).id END AS fromId,
       CASE WHEN coalesce(deletedN[toEid], false) THEN removedPropsOf[toEid].id ELSE endNode(r).id END AS toId,
       CASE WHEN coalesce(deletedN[fromEid], false) THEN coalesce(removedLabelsOf[fromEid], []) ELSE labels(startNode(r)) END
         + CASE WHEN coalesce(deletedN[toEid], false) THEN coalesce(removedLabelsOf[toEid], []) ELSE labels(endNode(r)) END AS ends
  WHERE none(l IN ends WHERE l IN $excludedLabels OR l STARTS WITH '__')
    AND (created OR deleted OR size(props) > 0)
  RETURN collect({
    entity: 'RELATIONSHIP',
    action: CASE WHEN created THEN 'CREATED' WHEN deleted THEN 'DELETED' ELSE 'UPDATED' END,
    type: type(r),
    fromId: fromId,
    toId: toId,
    properties: [p IN props | p[0]],
    before: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[1]]])),
    after: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[2]]])),
    source: CASE WHEN deleted THEN [p IN props WHERE p[0] = 'source' | p[1]][0] ELSE r.source END
  }) AS relationshipChanges
}
WITH md, nodeChanges + relationshipChanges AS changes, md.app IS NULL OR md.app <> 'innovation-graph' AS outside
WHERE size(changes) > 0
WITH md, changes, outside, coalesce(md.auditId, 'audit-' + randomUUID()) AS auditId
FOREACH (c IN changes |
  CREATE (x:Change)
  SET x = c,
      x.id = 'change-' + randomUUID(),
      x.at = datetime.transaction(),
      x.auditId = auditId,
      x.batchId = md.batchId,
      x.file = md.importFile,
      x.row = CASE WHEN md.batchId IS NOT NULL AND c.source CONTAINS ', row '
                THEN toInteger(last(split(c.source, ', row '))) END,
      x.source = null
)
// A write without an AuditEvent of its own (made around the API, or by a writer that named none) gets one here.
FOREACH (_ IN CASE WHEN md.auditId IS NULL THEN [1] ELSE [] END |
  CREATE (:AuditEvent {
    id: auditId,
    at: datetime.transaction(),
    actor: CASE WHEN outside THEN 'outside the API' ELSE coalesce(md.actor, 'unknown') END,
    roles: [],
    operation: CASE WHEN outside THEN 'direct Cypher' ELSE coalesce(md.operation, 'unknown') END,
    requestId: CASE WHEN outside THEN null ELSE md.requestId END,
    outsideApi: outside,
    nodesCreated: size([c IN changes WHERE c.entity = 'NODE' AND c.action = 'CREATED']),
    nodesDeleted: size([c IN changes WHERE c.entity = 'NODE' AND c.action = 'DELETED']),
    relationshipsCreated: size([c IN changes WHERE c.entity = 'RELATIONSHIP' AND c.action = 'CREATED']),
    relationshipsDeleted: size([c IN changes WHERE c.entity = 'RELATIONSHIP' AND c.action = 'DELETED']),
    propertiesSet: reduce(n = 0, c IN changes | n + size(c.properties))
  })
)
// Nothing else counts a write made around the API: the data version (so no cache serves what it computed before)
// and the maintained aggregates (stale: reads go live until the API's keeper rebuilds them).
FOREACH (_ IN CASE WHEN outside THEN [1] ELSE [] END |
  MERGE (v:DataVersion {id: 'data'})
    ON CREATE SET v.epoch = randomUUID(), v.value = 0
  SET v.value = v.value + 1
)
WITH outside
WHERE outside
MATCH (s:AggregateState {id: 'aggregates'})
SET s.mode = 'stale', s.token = null, s.staleSince = datetime()
