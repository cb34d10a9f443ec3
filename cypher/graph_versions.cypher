// graph_versions: the load_id of every loaded cascade, read before and after each read
// transaction (pokin.graph.db.Db.read): every load changes its cascade's load_id in the same
// transaction, so equal answers mean no load committed in between.
// Parameters: none. Columns: id, load_id.
MATCH (c:Cascade)
RETURN c.id AS id, c.load_id AS load_id
ORDER BY id
