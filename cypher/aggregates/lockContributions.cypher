// Locks the subjects' Contribution nodes (created empty for a subject never counted) and reads what they hold: the
// lock is held until commit, so two refreshes of one subject never overlap and the second reads what the first
// committed (src/aggregates/upkeep.ts: refreshSubjects). Locked in the order given (sorted): no deadlock between two
// refreshes.
// Parameters: $subjects: list<string> (`<Label>:<id>`, sorted)
// Columns: subject, scopes, scoped, explicit, gaps: list<string>
UNWIND $subjects AS subject
MERGE (c:Contribution {subject: subject})
  ON CREATE SET c.scopes = [], c.scoped = [], c.explicit = [], c.gaps = []
WITH collect(c) AS contributions
CALL apoc.lock.nodes(contributions)
UNWIND contributions AS c
RETURN c.subject AS subject, c.scopes AS scopes, c.scoped AS scoped, c.explicit AS explicit, c.gaps AS gaps
