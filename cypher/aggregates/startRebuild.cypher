// Starts a rebuild under the state lock: the state becomes building with this rebuild's token, and the subjects
// recorded by writes during an earlier rebuild are forgotten (this one reads everything afresh). Refused while
// another rebuild is building and gave a sign of life (heartbeat.cypher, each batch) less than $takeOverMinutes ago:
// one whose process died is taken over after that.
// Parameters: $token: string, $takeOverMinutes: integer
// Columns: started: boolean
MERGE (s:AggregateState {id: 'aggregates'})
SET s.writes = coalesce(s.writes, 0) + 1
WITH s, coalesce(s.mode = 'building' AND coalesce(s.heartbeat, s.startedAt) > datetime() - duration({minutes: $takeOverMinutes}), false) AS busy
CALL (s, busy) {
  WITH s WHERE NOT busy
  SET s.mode = 'building', s.token = $token, s.startedAt = datetime(), s.heartbeat = datetime()
  WITH s
  OPTIONAL MATCH (d:DirtySubject)
  DELETE d
}
RETURN NOT busy AS started
