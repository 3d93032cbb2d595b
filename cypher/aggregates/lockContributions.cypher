// Locks the Contribution of each subject (creating an empty one for a subject never counted) and returns what each
// holds, so that two writes refreshing the same subject apply their differences one after the other, each from what
// the other committed (src/aggregates/upkeep.ts).
// Parameters: $subjects: list<string> (`<Label>:<id>`, sorted: every writer locks in the same order)
// Columns: subject, scopes, scoped, explicit, gaps: list<string>
UNWIND $subjects AS subject
MERGE (c:Contribution {subject: subject})
WITH collect(c) AS locked
CALL apoc.lock.nodes(locked)
UNWIND locked AS c
RETURN c.subject AS subject, coalesce(c.scopes, []) AS scopes, coalesce(c.scoped, []) AS scoped,
  coalesce(c.explicit, []) AS explicit, coalesce(c.gaps, []) AS gaps
