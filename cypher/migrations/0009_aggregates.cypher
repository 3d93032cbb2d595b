// The maintained aggregates (src/aggregates/, README "Maintained aggregates"): one Contribution per subject, one
// Aggregate per counter (key and year), gap list entries read by gap, year and rank, one state node, and the
// subjects a write touched while a rebuild ran.
CREATE CONSTRAINT contribution_subject IF NOT EXISTS FOR (n:Contribution) REQUIRE n.subject IS UNIQUE;
CREATE CONSTRAINT aggregate_id IF NOT EXISTS FOR (n:Aggregate) REQUIRE n.id IS UNIQUE;
CREATE INDEX aggregate_key_year IF NOT EXISTS FOR (n:Aggregate) ON (n.key, n.year);
CREATE INDEX gap_entry_list IF NOT EXISTS FOR (n:GapEntry) ON (n.gap, n.year, n.rank);
CREATE INDEX gap_entry_subject IF NOT EXISTS FOR (n:GapEntry) ON (n.subject);
CREATE CONSTRAINT aggregate_state_id IF NOT EXISTS FOR (n:AggregateState) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dirty_subject_id IF NOT EXISTS FOR (n:DirtySubject) REQUIRE n.subject IS UNIQUE;
