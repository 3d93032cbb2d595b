// Import batches (src/import/): each batch's id is unique (undo finds it by id), and batches are listed newest first.
CREATE CONSTRAINT import_batch_id IF NOT EXISTS FOR (n:ImportBatch) REQUIRE n.id IS UNIQUE;
CREATE INDEX import_batch_at IF NOT EXISTS FOR (n:ImportBatch) ON (n.at);
