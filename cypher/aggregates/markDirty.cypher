// Records the subjects a write touched while a rebuild runs; the rebuild refreshes them before it says ready.
// Parameters: $subjects: list<string>
// Columns: none
UNWIND $subjects AS subject
MERGE (:DirtySubject {subject: subject})
