// graph_stamp_write: give the graph a new version (see graph_stamp): the last statement of
// every write transaction (pokin.graph.db.Db.write), so the stamp's lock is held only while
// the transaction commits and writers of different cascades do not wait on each other.
// Parameters: $version (string, unique per write). Columns: version.
MERGE (s:GraphStamp {id: 'graph'})
SET s.version = $version
RETURN s.version AS version
