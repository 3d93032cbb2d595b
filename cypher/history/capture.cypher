// Change capture: the statement of the APOC trigger `changeHistory` (phase "before", src/db/changeCapture.ts
// installs it), which Neo4j runs inside every committing write transaction, whoever made it: its Change nodes commit
// with the write or not at all. One Change per node or relationship the transaction created, changed or deleted, with
// each changed property's value before and after (JSON), pointing to the write's AuditEvent by `auditId`.
// What the writer says of itself comes from the transaction's metadata (src/db/writeMetadata.ts): `history: 'skip'`
// records nothing; without `app: 'innovation-graph'` the write was made around the API, so this statement also
// creates its AuditEvent, counts it in the data version and marks the maintained aggregates stale. `history: 'batch'`
// (an import or its undo) is recorded by the batch's own links, read as history by src/history/batchChanges.ts.
// Derived data and the records themselves (labels in $excludedLabels or starting with `__`, relationship types in
// $excludedTypes, relationships touching such nodes) are not history.
// A deleted node can no longer be read: its labels and properties come from what the transaction removed.
// Parameters (APOC): $createdNodes, $deletedNodes, $createdRelationships, $deletedRelationships,
//   $assignedNodeProperties, $removedNodeProperties, $assignedRelationshipProperties, $removedRelationshipProperties
//   (maps of key → list of {key, old, new, node|relationship}), $assignedLabels, $removedLabels (label → nodes),
//   $metaData: map; (the trigger's own) $excludedLabels: list<string>, $excludedTypes: list<string>
// Columns: none
WITH $metaData AS md
WHERE md.history IS NULL OR NOT md.history IN ['skip', 'batch']
WITH md, coalesce(md.auditId, 'audit-' + randomUUID()) AS auditId,
     apoc.map.fromPairs([n IN $createdNodes | [elementId(n), true]]) AS createdN,
     apoc.map.fromPairs([n IN $deletedNodes | [elementId(n), true]]) AS deletedN,
     apoc.map.fromPairs([r IN $createdRelationships | [elementId(r), true]]) AS createdR,
     apoc.map.fromPairs([r IN $deletedRelationships | [elementId(r), true]]) AS deletedR
// What a deleted node was (its labels and properties, by element id), and the labels a kept node gained.
CALL {
  WITH deletedN
  UNWIND keys($removedLabels) AS label
  UNWIND $removedLabels[label] AS n
  WITH deletedN, elementId(n) AS eid, label
  WHERE deletedN[eid]
  WITH eid, collect(label) AS labels
  RETURN apoc.map.fromPairs(collect([eid, labels])) AS labelsOfDeleted
}
CALL {
  WITH deletedN
  UNWIND keys($removedNodeProperties) AS key
  UNWIND $removedNodeProperties[key] AS e
  WITH deletedN, elementId(e.node) AS eid, key, e.old AS old
  WHERE deletedN[eid]
  WITH eid, collect([key, old]) AS pairs
  RETURN apoc.map.fromPairs(collect([eid, apoc.map.fromPairs(pairs)])) AS propsOfDeleted
}
CALL {
  WITH createdN
  UNWIND keys($assignedLabels) AS label
  UNWIND $assignedLabels[label] AS n
  WITH createdN, elementId(n) AS eid, label
  WHERE NOT coalesce(createdN[eid], false)
  WITH eid, collect(label) AS labels
  RETURN apoc.map.fromPairs(collect([eid, labels])) AS labelsAddedOf
}
CALL {
  WITH deletedN
  UNWIND keys($removedLabels) AS label
  UNWIND $removedLabels[label] AS n
  WITH deletedN, elementId(n) AS eid, label
  WHERE NOT coalesce(deletedN[eid], false)
  WITH eid, collect(label) AS labels
  RETURN apoc.map.fromPairs(collect([eid, labels])) AS labelsRemovedOf
}
// Nodes, one row each, written as they come (a large write is never held as one list). Nodes of unrecorded labels
// are dropped before they are grouped.
CALL {
  WITH md, auditId, createdN, deletedN, labelsOfDeleted, propsOfDeleted, labelsAddedOf, labelsRemovedOf
  CALL {
    WITH deletedN, labelsOfDeleted
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
    WITH deletedN, labelsOfDeleted, n, key, old, new, elementId(n) AS eid
    WITH n, key, old, new, eid, coalesce(deletedN[eid], false) AS deleted,
         CASE WHEN coalesce(deletedN[eid], false) THEN coalesce(labelsOfDeleted[eid], []) ELSE labels(n) END AS labels
    WHERE none(l IN labels WHERE l IN $excludedLabels OR l STARTS WITH '__')
    WITH n, eid, deleted, labels,
         collect(CASE WHEN key IS NOT NULL AND (old IS NULL OR new IS NULL OR old <> new) THEN [key, old, new] END)
           AS props
    RETURN n, eid, deleted, labels, props
  }
  WITH md, auditId, createdN, propsOfDeleted, labelsAddedOf, labelsRemovedOf, n, eid, deleted, labels, props,
       coalesce(createdN[eid], false) AS created
  WHERE NOT (created AND deleted)
  // Labels added to or removed from a kept node (a created or deleted node's are its labels).
  WITH md, auditId, n, eid, deleted, labels, props, created, propsOfDeleted[eid] AS gone,
       CASE WHEN deleted THEN [] ELSE coalesce(labelsAddedOf[eid], []) END AS added,
       CASE WHEN deleted THEN [] ELSE coalesce(labelsRemovedOf[eid], []) END AS removed
  WHERE created OR deleted OR size(props) > 0 OR size(added) > 0 OR size(removed) > 0
  WITH md, auditId, n, deleted, labels, props, created, added, removed,
       CASE WHEN deleted THEN gone.id ELSE n.id END AS nodeId,
       CASE WHEN deleted THEN gone.source ELSE n.source END AS source
  CREATE (c:Change {
    id: 'change-' + randomUUID(),
    at: datetime.transaction(),
    auditId: auditId,
    entity: 'NODE',
    action: CASE WHEN created THEN 'CREATED' WHEN deleted THEN 'DELETED' ELSE 'UPDATED' END,
    labels: labels,
    nodeId: nodeId,
    labelsAdded: added,
    labelsRemoved: removed,
    properties: [p IN props | p[0]],
    before: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[1]]])),
    after: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[2]]]))
  })
  // #include history/provenance
  RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS nodesCreated,
         sum(CASE WHEN deleted THEN 1 ELSE 0 END) AS nodesDeleted,
         sum(size(props)) AS nodeProperties,
         count(*) AS nodeChanges
}
// Relationships, likewise: their ends by id (a deleted end's id from what the transaction removed).
CALL {
  WITH md, auditId, createdR, deletedR, deletedN, labelsOfDeleted, propsOfDeleted
  CALL {
    WITH deletedR
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
    WITH r, key, old, new
    WHERE NOT type(r) IN $excludedTypes
    WITH r, collect(CASE WHEN key IS NOT NULL AND (old IS NULL OR new IS NULL OR old <> new) THEN [key, old, new] END)
           AS props
    RETURN r, props
  }
  WITH md, auditId, deletedN, labelsOfDeleted, propsOfDeleted, r, props,
       coalesce(createdR[elementId(r)], false) AS created, coalesce(deletedR[elementId(r)], false) AS deleted,
       elementId(startNode(r)) AS fromEid, elementId(endNode(r)) AS toEid
  WHERE NOT (created AND deleted) AND (created OR deleted OR size(props) > 0)
  WITH md, auditId, r, props, created, deleted,
       CASE WHEN coalesce(deletedN[fromEid], false) THEN propsOfDeleted[fromEid].id ELSE startNode(r).id END AS fromId,
       CASE WHEN coalesce(deletedN[toEid], false) THEN propsOfDeleted[toEid].id ELSE endNode(r).id END AS toId,
       CASE WHEN coalesce(deletedN[fromEid], false) THEN coalesce(labelsOfDeleted[fromEid], [])
         ELSE labels(startNode(r)) END
         + CASE WHEN coalesce(deletedN[toEid], false) THEN coalesce(labelsOfDeleted[toEid], [])
         ELSE labels(endNode(r)) END AS ends
  WHERE none(l IN ends WHERE l IN $excludedLabels OR l STARTS WITH '__')
  WITH md, auditId, r, props, created, deleted, fromId, toId,
       CASE WHEN deleted THEN [p IN props WHERE p[0] = 'source' | p[1]][0] ELSE r.source END AS source
  CREATE (c:Change {
    id: 'change-' + randomUUID(),
    at: datetime.transaction(),
    auditId: auditId,
    entity: 'RELATIONSHIP',
    action: CASE WHEN created THEN 'CREATED' WHEN deleted THEN 'DELETED' ELSE 'UPDATED' END,
    type: type(r),
    fromId: fromId,
    toId: toId,
    properties: [p IN props | p[0]],
    before: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[1]]])),
    after: apoc.convert.toJson(apoc.map.fromPairs([p IN props | [p[0], p[2]]]))
  })
  // #include history/provenance
  RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS relationshipsCreated,
         sum(CASE WHEN deleted THEN 1 ELSE 0 END) AS relationshipsDeleted,
         sum(size(props)) AS relationshipProperties,
         count(*) AS relationshipChanges
}
WITH md, auditId, nodesCreated, nodesDeleted, relationshipsCreated, relationshipsDeleted,
     nodeProperties + relationshipProperties AS propertiesSet,
     md.app IS NULL OR md.app <> 'innovation-graph' AS outside
WHERE nodeChanges + relationshipChanges > 0
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
    nodesCreated: nodesCreated,
    nodesDeleted: nodesDeleted,
    relationshipsCreated: relationshipsCreated,
    relationshipsDeleted: relationshipsDeleted,
    propertiesSet: propertiesSet
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
