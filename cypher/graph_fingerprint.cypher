// graph_fingerprint: the load_id of every loaded cascade as ONE record (sorted), read before
// and after each read transaction (pokin.graph.db.Db.read): every load gives its cascade a new
// load_id (unique per load) in the same transaction, so equal lists mean no load committed in
// between. One record whatever the number of cascades: the driver's cost is per record, and
// with 800 agencies loaded a record per cascade made every read (a trace: 30 ms) ten times
// slower (issue 25). Still a Cascade label scan: a national graph wants a single stamp.
// Parameters: none. Columns: load_ids (list of strings).
MATCH (c:Cascade)
WITH c.load_id AS load_id ORDER BY load_id
RETURN collect(load_id) AS load_ids
