// Counts a write: run inside every write transaction of the API, the import and undo, and the seed loader
// (bumpDataVersion in src/db/driver.ts), so that the version commits exactly with the write. The node is created by migration 0008;
// MERGE recreates it if it is gone (then with a new epoch, so that no version read before can come back).
// Parameters: $epoch: string (used only when the node is created)
// Columns: none
MERGE (v:DataVersion {id: 'data'})
  ON CREATE SET v.epoch = $epoch, v.value = 0
SET v.value = v.value + 1
