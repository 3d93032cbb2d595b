// What the subjects' Contribution nodes hold (none for a subject never counted). Read under the state lock
// (state.cypher), which every upkeep and every rebuild batch takes first: no two refreshes ever run at once.
// Parameters: $subjects: list<string> (`<Label>:<id>`)
// Columns: subject, scopes, scoped, explicit, gaps: list<string>
UNWIND $subjects AS subject
MATCH (c:Contribution {subject: subject})
RETURN c.subject AS subject, c.scopes AS scopes, c.scoped AS scoped, c.explicit AS explicit, c.gaps AS gaps
