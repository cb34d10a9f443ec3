// graph_stamp: the version of the whole graph, read before and after each read transaction
// (pokin.graph.db.Db.read): every write transaction (a load, a realisation file, a backfill)
// gives the one GraphStamp node a new version as its last statement, so an equal version
// means no write committed in between. One index seek whatever the number of cascades, so a
// read costs the same with one region loaded or with a country's (issue 25).
// Parameters: none. Columns: version (string, or null before the first write).
OPTIONAL MATCH (s:GraphStamp {id: 'graph'})
RETURN s.version AS version
